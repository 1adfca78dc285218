import type { CallOutcome } from "../consensus/call-outcome";
import type { NodeId } from "../consensus/raft/types";
import type { HistoryEvent, OpName, RegisterValue } from "../lincheck/history";
import type { Rng } from "../rng";
import type { RaftCluster } from "./cluster";
import type { RegisterCommand, RegisterResult } from "./register-machine";

/** How a client operation ended, as far as its client can tell. */
type Outcome =
  | { kind: "ok"; value?: RegisterValue }
  | { kind: "fail" }
  /** It may or may not take effect. */
  | { kind: "unknown" };

/** Pause before retrying a replica that knew no leader (the gateway's back-off, scaled). */
export const NO_LEADER_BACKOFF_MS = 15;

export interface WorkloadOptions {
  /** Concurrent client processes, each with at most one operation in flight. */
  clients: number;
  keys: number;
  /** Total operations to issue. */
  ops: number;
  opTimeoutMs: number;
  /** Pause between a client's operations, in milliseconds. */
  thinkMs: readonly [number, number];
}

/**
 * Clients issuing reads, writes and compare-and-swaps, recording a history for the
 * linearizability checker. Each operation starts at a random replica and follows its
 * `not_leader` redirects, as the gateway does, until it is answered or times out. A write or CAS whose outcome is unknown
 * (timeout, crash) completes as `info` and its process is retired — a fresh process id
 * takes over, since the old operation may still take effect at any later time. A read
 * that times out is `fail`: it has no effect either way.
 */
export class Workload {
  readonly history: HistoryEvent[] = [];
  /** Invoke-to-ok latency of successful writes and CASes, in milliseconds. */
  readonly writeLatencies: number[] = [];
  issued = 0;
  completed = 0;
  private readonly cluster: RaftCluster;
  private readonly rng: Rng;
  private readonly options: WorkloadOptions;
  private readonly targets: readonly NodeId[];
  private nextValue = 1;
  private readonly seen = new Map<string, RegisterValue>();

  constructor(
    cluster: RaftCluster,
    rng: Rng,
    options: WorkloadOptions,
    targets: readonly NodeId[],
  ) {
    this.cluster = cluster;
    this.rng = rng;
    this.options = options;
    this.targets = targets;
  }

  get allIssued(): boolean {
    return this.issued >= this.options.ops;
  }

  get done(): boolean {
    return this.completed >= this.options.ops;
  }

  start(): void {
    for (let c = 0; c < this.options.clients; c++) this.schedule(c, c);
  }

  private schedule(client: number, process: number): void {
    if (this.allIssued) return;
    const [lo, hi] = this.options.thinkMs;
    this.cluster.queue.after(this.rng.range(lo, hi), () => this.issue(client, process));
  }

  private issue(client: number, process: number): void {
    if (this.allIssued) return;
    const seq = this.issued++;
    const key = `k${this.rng.int(this.options.keys)}`;
    const roll = this.rng.next();
    const f: OpName = roll < 0.4 ? "read" : roll < 0.8 ? "write" : "cas";
    const value = this.nextValue++;
    let cmd: RegisterCommand | undefined;
    let recorded: HistoryEvent["value"] = null;
    if (f === "write") {
      cmd = { client, seq, f, key, value };
      recorded = value;
    } else if (f === "cas") {
      const expected = this.rng.chance(0.8) ? (this.seen.get(key) ?? null) : this.rng.int(value);
      cmd = { client, seq, f, key, expected, value };
      recorded = [expected, value];
    }
    const invokedAt = this.cluster.now;
    this.record({ process, type: "invoke", f, key, value: recorded, time: invokedAt });
    let finished = false;
    const finish = (outcome: Outcome) => {
      if (finished) return;
      finished = true;
      this.completed++;
      const now = this.cluster.now;
      let next = process;
      if (outcome.kind === "ok") {
        const read = f === "read" ? (outcome.value ?? null) : recorded;
        if (f !== "read") this.writeLatencies.push(now - invokedAt);
        if (f !== "cas") this.seen.set(key, read as RegisterValue);
        else this.seen.set(key, value);
        this.record({ process, type: "ok", f, key, value: read, time: now });
      } else if (outcome.kind === "fail" || f === "read") {
        this.record({ process, type: "fail", f, key, value: recorded, time: now });
      } else {
        this.record({ process, type: "info", f, key, value: recorded, time: now });
        next = process + this.options.clients;
      }
      // Start the next operation from the event loop, never inside the replica's Ready.
      this.schedule(client, next);
    };
    const answer = (outcome: Outcome) => this.cluster.queue.after(0, () => finish(outcome));
    this.cluster.queue.after(this.options.opTimeoutMs, () => finish({ kind: "unknown" }));
    const attempt = (target: NodeId): void => {
      if (finished) return;
      const redirectOr = (outcome: CallOutcome<unknown>, settle: () => void) => {
        if (outcome.ok || outcome.reason !== "not_leader") return settle();
        const next = outcome.leader > 0 ? outcome.leader : this.rng.pick(this.targets);
        const pause = outcome.leader > 0 ? 0 : NO_LEADER_BACKOFF_MS;
        this.cluster.queue.after(pause, () => attempt(next));
      };
      this.cluster.whenRunning(target, () => {
        if (finished) return;
        const replica = this.cluster.replica(target);
        if (cmd) {
          replica.submit(cmd, (o) => redirectOr(o, () => answer(writeOutcome(o))));
        } else {
          replica.read(key, (o) =>
            redirectOr(o, () => answer(o.ok ? { kind: "ok", value: o.value } : { kind: "fail" })),
          );
        }
      });
    };
    attempt(this.rng.pick(this.targets));
  }

  private record(event: HistoryEvent): void {
    this.history.push(event);
  }
}

/** A write's or CAS's outcome for the history: a CAS that did not match failed. */
function writeOutcome(outcome: CallOutcome<RegisterResult>): Outcome {
  if (outcome.ok) return outcome.value.ok ? { kind: "ok" } : { kind: "fail" };
  return outcome.reason === "unknown" ? { kind: "unknown" } : { kind: "fail" };
}
