/**
 * Turning a core's accumulated outputs into Readys, and acknowledging them — the part
 * of etcd's RawNode that does not depend on the protocol, shared by the Raft and the
 * Multi-Paxos cores (both keep their log in a `RaftLog` and their outputs in `msgs` and
 * `readStates`). Exactly one Ready may be outstanding at a time.
 */
import type { RaftLog } from "./raft/raft-log";
import type { HardState, ReadState, Ready, SoftState } from "./raft/types";

/** What a core exposes for draining. */
export interface ReadySource<M> {
  readonly log: RaftLog;
  msgs: M[];
  readStates: ReadState[];
  readonly opts: { readonly maxApplyPerReady: number };
  softState(): SoftState;
  hardState(): HardState;
}

export class ReadyDrain<M> {
  private prevSoft: SoftState;
  private prevHard: HardState;

  constructor(private readonly core: ReadySource<M>) {
    this.prevSoft = core.softState();
    this.prevHard = core.hardState();
  }

  hasReady(): boolean {
    const { core } = this;
    return (
      core.msgs.length > 0 ||
      core.readStates.length > 0 ||
      core.log.unstable.entries.length > 0 ||
      core.log.unstable.snapshot !== undefined ||
      core.log.hasNextCommittedEntries() ||
      !sameSoft(core.softState(), this.prevSoft) ||
      !sameHard(core.hardState(), this.prevHard)
    );
  }

  ready(): Ready<M> {
    const { core } = this;
    const rd: Ready<M> = {
      entries: core.log.unstableEntries(),
      committedEntries: core.log.nextCommittedEntries(core.opts.maxApplyPerReady),
      messages: core.msgs,
      readStates: core.readStates,
    };
    core.msgs = [];
    core.readStates = [];
    const soft = core.softState();
    if (!sameSoft(soft, this.prevSoft)) {
      rd.softState = soft;
      this.prevSoft = soft;
    }
    const hard = core.hardState();
    if (!sameHard(hard, this.prevHard)) {
      rd.hardState = hard;
      this.prevHard = hard;
    }
    if (core.log.unstable.snapshot) rd.snapshot = core.log.unstable.snapshot;
    return rd;
  }

  /** Acknowledges that `rd` was persisted, sent and applied. */
  advance(rd: Ready<M>): void {
    const log = this.core.log;
    const last = rd.entries[rd.entries.length - 1];
    if (last) log.stableTo(last.index, last.term);
    if (rd.snapshot) {
      log.stableSnapTo(rd.snapshot.meta.index);
      if (rd.snapshot.meta.index > log.applied) log.appliedTo(rd.snapshot.meta.index);
    }
    const applied = rd.committedEntries[rd.committedEntries.length - 1];
    if (applied && applied.index > log.applied) log.appliedTo(applied.index);
  }
}

function sameSoft(a: SoftState, b: SoftState): boolean {
  return a.lead === b.lead && a.role === b.role;
}

function sameHard(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
