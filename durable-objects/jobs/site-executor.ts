/**
 * SITE_EXECUTOR: runs jobs at one site. `accept` only records the assignment (keyed by
 * job and attempt, so a repeated dispatch is a no-op) and sets an alarm; the alarm runs
 * what is pending, stores each outcome, then reports it to the scheduler and forgets the
 * assignment once the report is delivered. An executor aborted mid-run keeps its
 * assignments in SQLite and runs them again when its alarm is retried, so an accepted job
 * is never lost; the scheduler counts only the first report of an attempt.
 * For data-parallel kinds the executor is also a peer: `partial` computes one share's
 * step, caching the share in memory so it crosses the network once.
 * Its RPC methods are `ExecutorRpc` (`job-contract.ts`).
 */
import { DurableObject } from "cloudflare:workers";
import type { AttemptOutcome, JsonValue } from "../../shared/jobs/job";
import { jobKind } from "../../shared/jobs/kinds/registry";
import { nearbySites } from "../../shared/jobs/nearby-sites";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { executorStub, schedulerStub } from "./executor-stub";
import type { Assignment, ExecutorRpc, PartialAnswer } from "./job-contract";
import { PeerSharding } from "./peer-sharding";

/** Executors (this one included) a data-parallel job spreads over. */
export const JOB_PARALLELISM = 3;
/** Delay before retrying an undelivered report. */
export const REPORT_RETRY_MS = 1000;
/** Shares kept in memory for peer steps; the oldest is dropped beyond this. */
export const MAX_CACHED_SHARES = 64;

export class SiteExecutor extends DurableObject<Env> implements ExecutorRpc {
  private readonly shares = new Map<string, unknown>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS assignments (
      job_id TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      assignment TEXT NOT NULL,
      outcome TEXT,
      PRIMARY KEY (job_id, attempt)
    )`);
  }

  async accept(assignment: Assignment): Promise<RpcResult<null>> {
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO assignments (job_id, attempt, assignment) VALUES (?, ?, ?)",
      assignment.jobId,
      assignment.attempt,
      JSON.stringify(assignment),
    );
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
    return rpcOk(null);
  }

  async pending(): Promise<RpcResult<number>> {
    return rpcOk(
      this.ctx.storage.sql.exec("SELECT COUNT(*) AS n FROM assignments").one().n as number,
    );
  }

  async partial(
    kindName: string,
    shareKey: string,
    share: unknown,
    params: unknown,
  ): Promise<RpcResult<PartialAnswer>> {
    const kind = jobKind(kindName);
    if (!kind?.partial) return rpcFail("bad-request", `kind ${kindName} has no partial step`);
    if (share !== null) this.cacheShare(shareKey, share);
    const cached = this.shares.get(shareKey);
    if (cached === undefined) return rpcOk({ missing: true });
    return rpcOk({ value: kind.partial(cached, params) });
  }

  override async alarm(): Promise<void> {
    const rows = this.ctx.storage.sql
      .exec("SELECT assignment, outcome FROM assignments ORDER BY job_id, attempt")
      .toArray();
    let undelivered = false;
    for (const row of rows) {
      const assignment = JSON.parse(row.assignment as string) as Assignment;
      let outcome =
        row.outcome === null ? null : (JSON.parse(row.outcome as string) as AttemptOutcome);
      if (!outcome) {
        outcome = await this.execute(assignment);
        this.ctx.storage.sql.exec(
          "UPDATE assignments SET outcome = ? WHERE job_id = ? AND attempt = ?",
          JSON.stringify(outcome),
          assignment.jobId,
          assignment.attempt,
        );
      }
      if (await this.report(assignment, outcome)) {
        this.ctx.storage.sql.exec(
          "DELETE FROM assignments WHERE job_id = ? AND attempt = ?",
          assignment.jobId,
          assignment.attempt,
        );
      } else {
        undelivered = true;
      }
    }
    if (undelivered) await this.ctx.storage.setAlarm(Date.now() + REPORT_RETRY_MS);
  }

  /** Runs one attempt; any failure, including bad input, becomes a failed outcome. */
  private async execute(assignment: Assignment): Promise<AttemptOutcome> {
    const kind = jobKind(assignment.kind);
    if (!kind) return { ok: false, error: `unknown job kind "${assignment.kind}"` };
    try {
      const input = kind.parse(assignment.input);
      const peers = nearbySites(assignment.site, JOB_PARALLELISM - 1);
      const sharding = new PeerSharding(
        kind.name,
        `${assignment.jobId}/${assignment.attempt}`,
        (site) => executorStub(this.env, site),
        peers,
        (share, params) => kind.partial?.(share, params),
      );
      const result = await kind.run(input, {
        parallelism: 1 + peers.length,
        shard: (s) => sharding.shard(s),
      });
      return { ok: true, result: result as JsonValue };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Delivers an outcome; false when the scheduler could not be reached. An answered report is
   * delivered, whether it counted or not (a late or duplicate one does not). */
  private async report(assignment: Assignment, outcome: AttemptOutcome): Promise<boolean> {
    try {
      await schedulerStub(this.env).complete(assignment.jobId, assignment.attempt, outcome);
      return true;
    } catch {
      return false;
    }
  }

  private cacheShare(key: string, share: unknown): void {
    this.shares.delete(key);
    this.shares.set(key, share);
    if (this.shares.size > MAX_CACHED_SHARES) {
      const oldest = this.shares.keys().next().value as string;
      this.shares.delete(oldest);
    }
  }
}
