/**
 * The RPC surface of the job objects: what JOB_SCHEDULER and SITE_EXECUTOR answer, and
 * the messages they exchange. Every method answers an `RpcResult` (`shared/rpc-result.ts`),
 * so the gateway unwraps them like any other DO call. The shells implement these
 * interfaces and the stubs are typed by them, so callers depend on this file and never on
 * the DO classes (which depend on the stubs).
 */
import type {
  AttemptOutcome,
  JobRecord,
  JobState,
  JobSubmission,
  JsonValue,
} from "../../shared/jobs/job";
import type { RpcResult } from "../../shared/rpc-result";

/** Result of a submission: the job, and whether this call created it. */
export interface SubmitResult {
  job: JobRecord;
  created: boolean;
}

/** What the scheduler hands an executor. */
export interface Assignment {
  jobId: string;
  attempt: number;
  kind: string;
  input: JsonValue;
  /** IATA code of this executor's site. */
  site: string;
}

/** Answer of a peer step: the value, or a request to send the share again. */
export type PartialAnswer = { value: unknown } | { missing: true };

/** JOB_SCHEDULER: the one job table (named "global"). */
export interface SchedulerRpc {
  /** Queues a job, or answers the existing one with the same idempotency key. */
  submit(submission: JobSubmission): Promise<RpcResult<SubmitResult>>;
  /** The job; `not-found` when there is none. */
  get(id: string): Promise<RpcResult<JobRecord>>;
  /** Jobs newest first, optionally of one state. */
  list(state: JobState | undefined, limit: number): Promise<RpcResult<JobRecord[]>>;
  /** The cancelled job; `not-found` without the job, `conflict` when it already finished. */
  cancel(id: string): Promise<RpcResult<JobRecord>>;
  /** An executor's report of one attempt; the value says whether it counted. */
  complete(id: string, attempt: number, outcome: AttemptOutcome): Promise<RpcResult<boolean>>;
}

/** SITE_EXECUTOR: runs jobs at one colo and serves partial steps to its peers. */
export interface ExecutorRpc {
  /** Records an assignment (idempotently) and schedules it to run. */
  accept(assignment: Assignment): Promise<RpcResult<null>>;
  /** Number of assignments not yet reported. */
  pending(): Promise<RpcResult<number>>;
  /**
   * One data-parallel step of kind `kind` on the share cached as `shareKey`; `share` is
   * null when the caller believes it is cached. `bad-request` for a kind without steps.
   */
  partial(
    kind: string,
    shareKey: string,
    share: unknown,
    params: unknown,
  ): Promise<RpcResult<PartialAnswer>>;
}
