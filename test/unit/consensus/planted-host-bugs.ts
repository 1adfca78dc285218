import type { QueuedProposal } from "../../../shared/consensus/call-batches";
import { ConsensusHost } from "../../../shared/consensus/host/consensus-host";
import type { Done } from "../../../shared/consensus/host/waiters";
import type { Refusal } from "../../../shared/consensus/raft/refusal";
import type { RegisterCommand, RegisterResult } from "../../../shared/sim/register-machine";

/**
 * TEST ONLY — deliberately broken consensus hosts, used to prove that seeded simulator
 * runs exercise the production host: each is the production `ConsensusHost` with one
 * decision changed. Never import these outside tests.
 */

/** Answers a write as soon as the leader has appended it, before a quorum holds it. */
export class AnswersWritesWhenAppended extends ConsensusHost<RegisterCommand, RegisterResult> {
  protected override proposeBatch(batch: readonly QueuedProposal[]): Refusal | undefined {
    const refusal = super.proposeBatch(batch);
    if (!refusal) {
      for (const item of batch) {
        this.proposals.settle(item.id, { ok: true, value: { ok: true, duplicate: false } });
      }
    }
    return refusal;
  }
}

/** Serves a linearizable read from whatever this leader has applied, without ReadIndex. */
export class ReadsWithoutConfirmingLeadership extends ConsensusHost<
  RegisterCommand,
  RegisterResult
> {
  override read<T>(query: () => T, done: Done<T>): void {
    if (this.status().role !== "leader") {
      super.read(query, done);
      return;
    }
    done({ ok: true, value: query() });
  }
}
