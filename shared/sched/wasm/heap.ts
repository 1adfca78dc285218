/**
 * Moving arrays in and out of the kernels' linear memory. A `KernelCall` resets the heap
 * when it starts (every earlier pointer dies then), copies inputs in, and copies outputs
 * out. Views on the memory are made fresh for every copy and never kept: a kernel that
 * allocates may grow the memory, which detaches every view made before.
 *
 * Layout of an AssemblyScript typed array object (ArrayBufferView): the backing buffer's
 * pointer at byte 0, the first element's address (`dataStart`) at byte 4, the length in
 * bytes at byte 8.
 */
import { type Kernel, type KernelRuntime, kernels } from "./kernels";

/** One use of the kernels: inputs in, one or more kernels run, outputs out. */
export class KernelCall<K extends Record<string, Kernel>> {
  /** The kernels, to call with pointers from this call's `f64`/`i32`. */
  readonly run: KernelRuntime & K;

  constructor() {
    this.run = kernels<K>();
    this.run.resetHeap();
  }

  /** A Float64Array on the heap holding `values` (or n zeros); returns its pointer. */
  f64(values: ArrayLike<number> | number): number {
    const n = typeof values === "number" ? values : values.length;
    const at = this.run.newFloat64Array(n);
    if (typeof values !== "number")
      new Float64Array(this.run.memory.buffer, dataStart(this.run, at), n).set(values);
    return at;
  }

  /** An Int32Array on the heap holding `values` (or n zeros); returns its pointer. */
  i32(values: ArrayLike<number> | number): number {
    const n = typeof values === "number" ? values : values.length;
    const at = this.run.newInt32Array(n);
    if (typeof values !== "number")
      new Int32Array(this.run.memory.buffer, dataStart(this.run, at), n).set(values);
    return at;
  }

  /** A copy of the heap's Float64Array at `at`. */
  readF64(at: number): Float64Array {
    const { buffer } = this.run.memory;
    return new Float64Array(
      buffer,
      dataStart(this.run, at),
      byteLength(this.run, at) >>> 3,
    ).slice();
  }

  /** A copy of the heap's Int32Array at `at`. */
  readI32(at: number): Int32Array {
    const { buffer } = this.run.memory;
    return new Int32Array(buffer, dataStart(this.run, at), byteLength(this.run, at) >>> 2).slice();
  }
}

function dataStart(run: KernelRuntime, at: number): number {
  return new Uint32Array(run.memory.buffer, at + 4, 1)[0] as number;
}

function byteLength(run: KernelRuntime, at: number): number {
  return new Uint32Array(run.memory.buffer, at + 8, 1)[0] as number;
}
