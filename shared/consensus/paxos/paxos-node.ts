/**
 * The host-facing façade of one Multi-Paxos replica, the counterpart of Raft's `RawNode`:
 * the same inputs and the same Ready, so `ConsensusHost` drives either engine.
 */
import type { ConsensusNode, CoreMessage, CoreStatus } from "../host/consensus-node";
import { type ConfChange, encodeConfChange } from "../raft/conf-change";
import type { Refusal } from "../raft/refusal";
import type { MemberProgress } from "../raft/status";
import type { ConfState, Entry, NodeId, Ready, SoftState } from "../raft/types";
import { ReadyDrain } from "../ready-drain";
import { ballotOf } from "./ballot";
import { proposeEntries, readIndex, transferLeader } from "./leader";
import { isPaxosMessage } from "./messages";
import type { Paxos } from "./paxos";

export class PaxosNode implements ConsensusNode {
  private readonly drain: ReadyDrain<CoreMessage>;

  constructor(readonly paxos: Paxos) {
    this.drain = new ReadyDrain<CoreMessage>(paxos);
  }

  tick(): void {
    this.paxos.tick();
  }

  wake(): void {
    if (this.paxos.quiesced) this.paxos.wake();
  }

  campaign(): void {
    this.paxos.campaign(false);
  }

  /**
   * Not yet: a Multi-Paxos leader that resumed its ballot would also need the results of
   * its phase 1 (the values it must re-propose), which are not kept on disk.
   */
  resume(): boolean {
    return false;
  }

  /** Phase 1 succeeded at a quorum: a Paxos leader is confirmed once it leads. */
  leadershipConfirmed(): boolean {
    return this.paxos.softState().role === "leader";
  }

  step(m: CoreMessage): void {
    if (isPaxosMessage(m)) this.paxos.step(m);
  }

  propose(data: readonly Uint8Array[]): Refusal | undefined {
    const entries = data.map((d): Entry => ({ term: 0, index: 0, type: "normal", data: d }));
    return this.request(() => proposeEntries(this.paxos, entries));
  }

  proposeConfChange(cc: ConfChange): Refusal | undefined {
    const entry: Entry = { term: 0, index: 0, type: "conf", data: encodeConfChange(cc) };
    return this.request(() => proposeEntries(this.paxos, [entry]));
  }

  readIndex(context: string): Refusal | undefined {
    return this.request(() => readIndex(this.paxos, context));
  }

  transferLeader(to: NodeId): Refusal | undefined {
    return this.request(() => transferLeader(this.paxos, to));
  }

  softState(): SoftState {
    return this.paxos.softState();
  }

  status(): CoreStatus {
    const p = this.paxos;
    const progress = new Map<NodeId, MemberProgress>();
    if (p.role === "leader") {
      const last = p.log.lastIndex();
      progress.set(p.id, { match: last, next: last + 1, committed: p.log.committed });
      for (const [id, pr] of p.progress) {
        progress.set(id, { match: pr.match, next: pr.next, committed: pr.chosen });
      }
    }
    return {
      engine: "paxos",
      id: p.id,
      role: p.role,
      lead: p.lead,
      term: p.promised,
      ballot: ballotOf(p.promised),
      quorums: p.quorums(),
      commit: p.log.committed,
      applied: p.log.applied,
      lastIndex: p.log.lastIndex(),
      quiesced: p.quiesced,
      leadTransferee: p.leadTransferee,
      conf: { voters: [...p.conf.voters], learners: [...p.conf.learners] },
      progress,
    };
  }

  /** Membership follows the chosen prefix inside the core; the host's apply only reads it. */
  applyConfChange(_cc: ConfChange): ConfState {
    return this.paxos.conf;
  }

  hasReady(): boolean {
    return this.drain.hasReady();
  }

  ready(): Ready<CoreMessage> {
    return this.drain.ready();
  }

  advance(rd: Ready<CoreMessage>): void {
    this.drain.advance(rd);
  }

  private request(run: () => boolean): Refusal | undefined {
    this.paxos.refusal = undefined;
    if (run()) return undefined;
    return this.paxos.refusal ?? { reason: "no_leader", detail: "request dropped" };
  }
}
