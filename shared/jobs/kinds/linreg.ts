/**
 * `linreg`: least-squares linear regression by data-parallel gradient descent. Features
 * are standardised on the coordinator; every step, each share (at a peer executor)
 * returns its partial gradient of the squared error, and the coordinator sums them and
 * steps. Weights are reported on the original feature scale.
 * Input `{ "x": number[][], "y": number[], "learningRate"?, "iterations"?, "tolerance"? }`.
 */

import { matrixAt, numberAt, objectAt, splitEvenly } from "./input";
import { iterationBudget, JobInputError, type JobKind } from "./job-kind";

/** Bounds of a linreg job. */
export const LINREG_JOB_LIMITS = { maxRows: 20_000, maxFeatures: 32, maxIterations: 800 } as const;

interface LinregInput {
  x: number[][];
  y: number[];
  learningRate: number;
  iterations: number;
  tolerance: number;
}

interface LinregShare {
  x: number[][];
  y: number[];
}

interface PartialGradient {
  gradient: number[];
  gradientBias: number;
  squaredError: number;
  count: number;
}

interface LinregOutput {
  weights: number[];
  bias: number;
  meanSquaredError: number;
  iterations: number;
  converged: boolean;
  shares: number;
}

export const linregKind: JobKind<LinregInput, LinregOutput> = {
  name: "linreg",
  description: "linear regression of input.y on input.x by gradient descent split across executors",
  parse(raw) {
    const input = objectAt(raw, "input");
    const x = matrixAt(
      input.x,
      "input.x",
      LINREG_JOB_LIMITS.maxRows,
      LINREG_JOB_LIMITS.maxFeatures,
    );
    const y = matrixAt(
      Array.isArray(input.y) ? input.y.map((value) => [value]) : input.y,
      "input.y",
      LINREG_JOB_LIMITS.maxRows,
      1,
    ).map((row) => row[0] as number);
    if (y.length !== x.length)
      throw new JobInputError("input.y", `needs ${x.length} values, one per row of input.x`);
    return {
      x,
      y,
      learningRate: numberAt(input.learningRate, "input.learningRate", {
        min: 1e-6,
        max: 1,
        fallback: 0.5,
      }),
      iterations: numberAt(input.iterations, "input.iterations", {
        min: 1,
        max: LINREG_JOB_LIMITS.maxIterations,
        integer: true,
        fallback: 200,
      }),
      tolerance: numberAt(input.tolerance, "input.tolerance", { min: 0, max: 1, fallback: 1e-10 }),
    };
  },
  async run(input, context) {
    const features = input.x[0]?.length ?? 0;
    const { mean, scale } = columnScaling(input.x);
    const standardised = input.x.map((row) =>
      row.map((value, j) => (value - (mean[j] as number)) / (scale[j] as number)),
    );
    const rows = standardised.map((row, i) => ({ row, y: input.y[i] as number }));
    const shares = splitEvenly(rows, context.parallelism).map(
      (part): LinregShare => ({ x: part.map((r) => r.row), y: part.map((r) => r.y) }),
    );
    const sharded = context.shard(shares);
    let weights = new Array<number>(features).fill(0);
    let bias = 0;
    const limit = Math.min(input.iterations, iterationBudget(sharded.size) - 1);
    let iterations = 0;
    let converged = false;
    while (iterations < limit && !converged) {
      const total = sumPartials(
        (await sharded.map({ weights, bias })) as PartialGradient[],
        features,
      );
      const n = total.count;
      const step = total.gradient.map((g) => g / n);
      const stepBias = total.gradientBias / n;
      weights = weights.map((w, j) => w - input.learningRate * (step[j] as number));
      bias -= input.learningRate * stepBias;
      const norm = Math.hypot(...step, stepBias);
      if (!Number.isFinite(norm)) {
        throw new Error(`diverged at iteration ${iterations + 1}: lower input.learningRate`);
      }
      converged = norm <= input.tolerance;
      iterations++;
    }
    const final = sumPartials(
      (await sharded.map({ weights, bias })) as PartialGradient[],
      features,
    );
    const originalWeights = weights.map((w, j) => w / (scale[j] as number));
    const originalBias =
      bias - originalWeights.reduce((sum, w, j) => sum + w * (mean[j] as number), 0);
    return {
      weights: originalWeights,
      bias: originalBias,
      meanSquaredError: final.squaredError / final.count,
      iterations,
      converged,
      shares: sharded.size,
    };
  },
  partial(share, params) {
    const { x, y } = share as LinregShare;
    const { weights, bias } = params as { weights: number[]; bias: number };
    const gradient = new Array<number>(weights.length).fill(0);
    let gradientBias = 0;
    let squaredError = 0;
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as number[];
      const residual =
        row.reduce((sum, value, j) => sum + value * (weights[j] as number), bias) -
        (y[i] as number);
      for (let j = 0; j < row.length; j++)
        gradient[j] = (gradient[j] as number) + residual * (row[j] as number);
      gradientBias += residual;
      squaredError += residual * residual;
    }
    return { gradient, gradientBias, squaredError, count: x.length } satisfies PartialGradient;
  },
};

/** Column means and standard deviations (1 for constant columns). */
function columnScaling(x: number[][]): { mean: number[]; scale: number[] } {
  const features = x[0]?.length ?? 0;
  const mean = new Array<number>(features).fill(0);
  const scale = new Array<number>(features).fill(0);
  for (const row of x)
    for (let j = 0; j < features; j++)
      mean[j] = (mean[j] as number) + (row[j] as number) / x.length;
  for (const row of x) {
    for (let j = 0; j < features; j++)
      scale[j] = (scale[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2;
  }
  return { mean, scale: scale.map((s) => Math.sqrt(s / x.length) || 1) };
}

function sumPartials(parts: PartialGradient[], features: number): PartialGradient {
  const total: PartialGradient = {
    gradient: new Array<number>(features).fill(0),
    gradientBias: 0,
    squaredError: 0,
    count: 0,
  };
  for (const part of parts) {
    part.gradient.forEach((g, j) => {
      total.gradient[j] = (total.gradient[j] as number) + g;
    });
    total.gradientBias += part.gradientBias;
    total.squaredError += part.squaredError;
    total.count += part.count;
  }
  return total;
}
