import { describe, expect, it } from "vitest";
import { FRANKFURT, submit, waitForJob } from "./jobs-api";

describe("every job kind runs through the scheduler and executors", () => {
  it("sha256", async () => {
    const { status, body } = await submit({
      kind: "sha256",
      input: { text: "abc" },
      origin: FRANKFURT,
    });
    expect(status).toBe(202);
    const job = await waitForJob(body.id as string);
    expect(job.state).toBe("succeeded");
    expect(job.site).toMatch(/^[A-Z]{3}$/);
    expect(job.result).toEqual({
      sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      bytes: 3,
    });
  });

  it("wordcount", async () => {
    const { body } = await submit({
      kind: "wordcount",
      input: { text: "a b a c a b", top: 2 },
      origin: FRANKFURT,
    });
    const job = await waitForJob(body.id as string);
    expect(job.result).toEqual({
      words: 6,
      distinct: 3,
      top: [
        ["a", 3],
        ["b", 2],
      ],
    });
  });

  it("kmeans, split across three executors", async () => {
    const points = Array.from({ length: 300 }, (_, i) => [
      i % 2 === 0 ? 0 + (i % 7) / 100 : 50 + (i % 5) / 100,
      0,
    ]);
    const { body } = await submit({ kind: "kmeans", input: { points, k: 2 }, origin: FRANKFURT });
    const job = await waitForJob(body.id as string);
    expect(job.state).toBe("succeeded");
    const result = job.result as { centroids: number[][]; sizes: number[]; shares: number };
    expect(result.shares).toBe(3);
    expect(result.centroids.map((c) => Math.round(c[0] as number)).sort((a, b) => a - b)).toEqual([
      0, 50,
    ]);
    expect([...result.sizes].sort()).toEqual([150, 150]);
  });

  it("linreg, by data-parallel gradient descent", async () => {
    const x = Array.from({ length: 200 }, (_, i) => [i / 10, (i % 13) - 6]);
    const y = x.map(([a, b]) => 2 * (a as number) + 0.5 * (b as number) - 1);
    const { body } = await submit({
      kind: "linreg",
      input: { x, y, iterations: 250 },
      origin: FRANKFURT,
    });
    const job = await waitForJob(body.id as string);
    expect(job.state).toBe("succeeded");
    const result = job.result as { weights: number[]; bias: number; shares: number };
    expect(result.shares).toBe(3);
    expect(result.weights[0]).toBeCloseTo(2, 3);
    expect(result.weights[1]).toBeCloseTo(0.5, 3);
    expect(result.bias).toBeCloseTo(-1, 2);
  });
});
