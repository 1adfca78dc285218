import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JobInputError, MAX_PARTIAL_CALLS_PER_ATTEMPT } from "../../../shared/jobs/kinds/job-kind";
import { jobKind } from "../../../shared/jobs/kinds/registry";
import { Rng } from "../../../shared/rng";
import { inProcessContext } from "./in-process-context";

function kind(name: string) {
  const found = jobKind(name);
  if (!found) throw new Error(`no kind ${name}`);
  return found;
}

async function runKind(name: string, input: unknown, parallelism = 3) {
  const k = kind(name);
  const context = inProcessContext(k, parallelism);
  const output = await k.run(k.parse(input), context);
  return { output: output as Record<string, unknown>, calls: context.calls };
}

describe("sha256 kind", () => {
  it("hashes UTF-8 text like Node's crypto", async () => {
    const text = "edgeos — à la carte 🌍";
    const { output } = await runKind("sha256", { text });
    expect(output.sha256).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    expect(output.bytes).toBe(Buffer.byteLength(text));
  });

  it("rejects input without text, naming the field", () => {
    expect(() => kind("sha256").parse({ txt: "x" })).toThrow(JobInputError);
    expect(() => kind("sha256").parse({ txt: "x" })).toThrow(/input\.text/);
  });
});

describe("wordcount kind", () => {
  it("counts case-folded words and ranks ties alphabetically", async () => {
    const { output } = await runKind("wordcount", {
      text: "The cat and the hat. THE end, cat's 'hat'",
      top: 3,
    });
    expect(output.words).toBe(9);
    expect(output.top).toEqual([
      ["the", 3],
      ["hat", 2],
      ["and", 1],
    ]);
  });

  it("rejects a non-integer top", () => {
    expect(() => kind("wordcount").parse({ text: "a", top: 1.5 })).toThrow(/input\.top/);
  });
});

describe("kmeans kind (distributed Lloyd)", () => {
  const centres = [
    [0, 0],
    [10, 10],
    [-10, 10],
  ];
  const rng = new Rng(3);
  const points = Array.from({ length: 600 }, (_, i) => {
    const c = centres[i % 3] as number[];
    return [(c[0] as number) + rng.next() - 0.5, (c[1] as number) + rng.next() - 0.5];
  });

  it("finds well-separated clusters and the same answer for any number of shares", async () => {
    const one = await runKind("kmeans", { points, k: 3, seed: 1 }, 1);
    const four = await runKind("kmeans", { points, k: 3, seed: 1 }, 4);
    const found = (one.output.centroids as number[][]).map((c) => c.map(Math.round)).sort();
    expect(found).toEqual([...centres].sort());
    expect(one.output.sizes).toEqual([200, 200, 200]);
    expect(four.output.inertia).toBeCloseTo(one.output.inertia as number, 6);
    expect(four.output.shares).toBe(4);
    expect(one.output.converged).toBe(true);
  });

  it("stays within the per-attempt budget of partial calls", async () => {
    const { calls } = await runKind(
      "kmeans",
      { points, k: 3, maxIterations: 300, tolerance: 0 },
      8,
    );
    expect(calls).toBeLessThanOrEqual(MAX_PARTIAL_CALLS_PER_ATTEMPT);
  });

  it("rejects k larger than the number of points and ragged rows", () => {
    expect(() => kind("kmeans").parse({ points: [[1, 2]], k: 2 })).toThrow(/input\.k/);
    expect(() => kind("kmeans").parse({ points: [[1, 2], [3]], k: 1 })).toThrow(/input\.points\.1/);
  });
});

describe("linreg kind (data-parallel gradient descent)", () => {
  const rng = new Rng(9);
  const x = Array.from({ length: 500 }, () => [rng.next() * 100, rng.next() * 2 - 1]);
  const y = x.map(([a, b]) => 3 * (a as number) - 2 * (b as number) + 5);

  it("recovers exact linear coefficients on the original scale", async () => {
    const { output } = await runKind("linreg", { x, y, iterations: 200 }, 4);
    const [w0, w1] = output.weights as number[];
    expect(w0).toBeCloseTo(3, 4);
    expect(w1).toBeCloseTo(-2, 4);
    expect(output.bias).toBeCloseTo(5, 3);
    expect(output.meanSquaredError).toBeLessThan(1e-6);
  });

  it("fails with a clear reason when the step size makes it diverge", async () => {
    const copies = x.map(([a]) => Array.from({ length: 10 }, () => a as number));
    await expect(
      runKind("linreg", { x: copies, y, learningRate: 1, iterations: 400 }, 2),
    ).rejects.toThrow(/diverged/);
  });

  it("rejects y of the wrong length", () => {
    expect(() => kind("linreg").parse({ x, y: y.slice(1) })).toThrow(/input\.y/);
  });
});
