import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { KernelCall } from "../../../shared/sched/wasm/heap";
import type { Kernel } from "../../../shared/sched/wasm/kernels";

interface ExpKernels extends Record<string, Kernel> {
  expAll(x: number, out: number): number;
}

/** The kernels' exponential of every entry of `x`. */
function kernelExp(x: Float64Array): Float64Array {
  const call = new KernelCall<ExpKernels>();
  const out = call.f64(x.length);
  call.run.expAll(call.f64(x), out);
  return call.readF64(out);
}

describe("the kernels' exponential (assembly/exp.ts)", () => {
  it("equals the host's Math.exp bit for bit where the descent uses it, and beyond", () => {
    const rng = new Rng(5);
    for (const [lo, hi] of [
      [-12, 0],
      [-1, 1],
      [-745.2, 709.8],
      [-1e-9, 1e-9],
    ] as const) {
      const x = Float64Array.from({ length: 200_000 }, () => lo + (hi - lo) * rng.next());
      const y = kernelExp(x);
      let differing = 0;
      for (let i = 0; i < x.length; i++)
        if (!Object.is(y[i], Math.exp(x[i] as number))) differing++;
      expect(differing, `${lo}..${hi}`).toBe(0);
    }
  });

  it("handles the edges: ±0, 1, ±Infinity, NaN, overflow and underflow", () => {
    const x = Float64Array.from([0, -0, 1, Infinity, -Infinity, Number.NaN, 710, -746, -708.5]);
    const y = kernelExp(x);
    for (let i = 0; i < x.length; i++) {
      expect(Object.is(y[i], Math.exp(x[i] as number)), String(x[i])).toBe(true);
    }
  });
});
