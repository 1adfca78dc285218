/**
 * What a job kind is. A kind parses its input (throwing `JobInputError` naming the field),
 * runs on an executor, and — when it is data-parallel — computes partial results on shares
 * of its data at other executors through `JobContext.shard`.
 */

/** Bad input for a kind; `field` is a dotted path inside the job's input. */
export class JobInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** Shares of a job's data placed on peer executors, ready for repeated partial steps. */
export interface Sharded {
  /** Number of shares. */
  readonly size: number;
  /** Runs the kind's `partial(share, params)` on every share in parallel; results in share order. */
  map(params: unknown): Promise<unknown[]>;
}

/** Capabilities the executor gives a running job. */
export interface JobContext {
  /** How many executors a data-parallel job may spread over. */
  readonly parallelism: number;
  /** Places `shares` on peer executors (each sent once, resent only if a peer lost it). */
  shard(shares: unknown[]): Sharded;
}

/** A kind of job; see `registry.ts` for how to add one. */
export interface JobKind<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  /** Checks and normalises raw input; throws `JobInputError` on bad input. */
  parse(raw: unknown): Input;
  /** Runs one attempt. Throwing fails the attempt with the error's message. */
  run(input: Input, context: JobContext): Promise<Output>;
  /** For data-parallel kinds: the pure computation on one share, run at a peer executor. */
  partial?(share: unknown, params: unknown): unknown;
}

/**
 * Partial-step calls one attempt may make: the free plan allows 1,000 subrequests per
 * invocation, and each share costs one per step; the rest is headroom for reporting.
 */
export const MAX_PARTIAL_CALLS_PER_ATTEMPT = 900;

/** Most iterations a data-parallel kind can run over `shares` shares within the budget. */
export function iterationBudget(shares: number): number {
  return Math.floor(MAX_PARTIAL_CALLS_PER_ATTEMPT / Math.max(1, shares)) - 1;
}
