/**
 * The kernels' heap, as the JavaScript side drives it (shared/sched/wasm/heap.ts). The
 * module is built with AssemblyScript's stub runtime: nothing is ever freed on its own.
 * Every call from JavaScript starts with `resetHeap`, allocates its inputs with the
 * constructors below, runs one kernel and copies the outputs out, so a call's garbage is
 * dropped in one step by the next call.
 */

/** A zeroed Float64Array of n entries, for JavaScript to fill. */
export function newFloat64Array(n: i32): Float64Array {
  return new Float64Array(n);
}

/** A zeroed Int32Array of n entries, for JavaScript to fill. */
export function newInt32Array(n: i32): Int32Array {
  return new Int32Array(n);
}

/** Drops every allocation since the module started: all earlier arrays become invalid. */
export function resetHeap(): void {
  heap.reset();
}
