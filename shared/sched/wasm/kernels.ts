/**
 * The scheduler's WebAssembly kernels (shared/sched/assembly, built to build/sched.wasm),
 * instantiated once per isolate. The module arrives precompiled: workerd and
 * wrangler import a `.wasm` file as a WebAssembly.Module (a Worker may not compile Wasm
 * bytes at run time), and so do the Node loaders (scripts/vite-wasm.ts for Vitest,
 * scripts/wasm-hooks.mjs for `npm run bench`).
 *
 * Not re-entrant: a caller resets the heap, runs one kernel and copies its outputs out
 * before anything else may use the kernels (see heap.ts). Kernels are synchronous, so no
 * other request can interleave within one call.
 */
import schedModule from "../../../build/sched.wasm";

/** An exported kernel: numbers in (scalars, or pointers to arrays on the heap), one out. */
export type Kernel = (...args: number[]) => number;

/** The exports every build has: the linear memory and the heap's constructors. */
export interface KernelRuntime {
  readonly memory: WebAssembly.Memory;
  newFloat64Array(n: number): number;
  newInt32Array(n: number): number;
  resetHeap(): void;
}

/** Thrown when a kernel aborts (an AssemblyScript assertion or an index out of range). */
export class KernelAbort extends Error {
  override readonly name = "KernelAbort";
}

/**
 * Instantiated when this module loads, so that in a Worker it happens while the isolate
 * starts (startup has its own time limit) and not inside the first request that needs a
 * kernel: instantiation builds the wrappers between JavaScript and Wasm calls.
 */
const instance = instantiate();

/**
 * The module's exports, typed as `K` by the caller, which names the kernels it uses.
 * The module is built with AssemblyScript's JSMath: a kernel that wrote `Math.f` would
 * import the host's function (results as in JavaScript, at the cost of a call out of
 * Wasm); the kernels use native instructions or their own fdlibm code instead
 * (assembly/exp.ts, great-circle.ts), and import only `abort`.
 */
export function kernels<K extends Record<string, Kernel>>(): KernelRuntime & K {
  return instance as KernelRuntime & K;
}

function instantiate(): KernelRuntime & Record<string, unknown> {
  let memory: WebAssembly.Memory | undefined;
  const env: Record<string, WebAssembly.ImportValue> = {
    abort(message: number, file: number, line: number, column: number): never {
      const text = (at: number): string => (memory ? readString(memory, at) : "");
      throw new KernelAbort(`${text(message)} at ${text(file)}:${line}:${column}`);
    },
  };
  for (const name of Object.getOwnPropertyNames(Math)) {
    const value = (Math as unknown as Record<string, WebAssembly.ImportValue>)[name];
    if (typeof value === "function") env[`Math.${name}`] = value;
  }
  const exports = new WebAssembly.Instance(schedModule, { env }).exports;
  memory = exports.memory as WebAssembly.Memory;
  return exports as KernelRuntime & Record<string, unknown>;
}

/** An AssemblyScript string (UTF-16, byte length stored just before it); "" for null. */
function readString(memory: WebAssembly.Memory, at: number): string {
  if (!at) return "";
  const bytes = new Uint32Array(memory.buffer, at - 4, 1)[0] as number;
  return String.fromCharCode(...new Uint16Array(memory.buffer, at, bytes >>> 1));
}
