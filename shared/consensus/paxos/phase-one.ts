/**
 * Phase 1 of one ballot: the promises a candidate has gathered, and what they add up to.
 * Once enough acceptors promised, the candidate adopts, slot by slot, the value accepted
 * under the highest ballot among the promises (values an acceptor knew chosen are taken
 * as they are), so a value that may have been chosen is never replaced.
 *
 * Membership lives in the log (see `PaxosCore`), so the promises must form an election
 * quorum in every configuration that can govern an open slot: the one in force after the
 * candidate's chosen prefix, and each one that a configuration entry found in the
 * promises starts. A configuration that appears there may add acceptors the candidate has
 * not asked yet; `targets` names them.
 */
import { applyConfChange, decodeConfChange } from "../raft/conf-change";
import type { ConfState, Entry, NodeId, Snapshot } from "../raft/types";
import { effectiveQuorums, type Quorums } from "./quorums";

/** What one acceptor promised with. */
export interface Promise {
  /** Its chosen prefix: its entries up to here are chosen values. */
  chosen: number;
  /** Its entries after the candidate's chosen prefix (or after `snapshot`), in slot order. */
  entries: Entry[];
  /** Its snapshot, when the slots after the candidate's prefix were compacted away. */
  snapshot?: Snapshot;
}

/** What a completed phase 1 adopted. */
export interface Adopted {
  /** A snapshot to install first (it covers chosen slots the candidate lacks). */
  snapshot?: Snapshot;
  /** The slot the adopted entries follow. */
  base: number;
  /** Every slot through here is known chosen. */
  chosen: number;
  /** One value per slot after `base`, contiguous (holes filled with no-ops). */
  entries: Entry[];
}

export class PhaseOne {
  private readonly promises = new Map<NodeId, Promise>();

  constructor(
    /** The candidate's chosen prefix when it started. */
    private readonly knownChosen: number,
    /** Membership after that prefix. */
    private readonly conf: ConfState,
    private readonly quorums: Quorums | undefined,
  ) {}

  /** Records `from`'s promise (a repeated one replaces the first). */
  add(from: NodeId, promise: Promise): void {
    this.promises.set(from, promise);
  }

  /** What each acceptor that promised knew chosen. */
  chosenPrefixes(): Map<NodeId, number> {
    return new Map([...this.promises].map(([id, promise]) => [id, promise.chosen]));
  }

  /** Every voter of every configuration the promises reveal: whom to ask. */
  targets(): NodeId[] {
    const ids = new Set<NodeId>();
    for (const conf of this.configurations(this.merge())) for (const id of conf.voters) ids.add(id);
    return [...ids];
  }

  /** The adopted log once every configuration has an election quorum of promises. */
  outcome(): Adopted | undefined {
    const adopted = this.merge();
    for (const conf of this.configurations(adopted)) {
      const promised = conf.voters.filter((id) => this.promises.has(id)).length;
      if (promised < effectiveQuorums(this.quorums, conf.voters.length).phase1) return undefined;
    }
    return adopted;
  }

  /** The per-slot merge of the promises. */
  private merge(): Adopted {
    let snapshot: Snapshot | undefined;
    for (const p of this.promises.values()) {
      if (p.snapshot && p.snapshot.meta.index > (snapshot?.meta.index ?? this.knownChosen)) {
        snapshot = p.snapshot;
      }
    }
    const base = snapshot?.meta.index ?? this.knownChosen;
    let chosen = base;
    let last = base;
    const bySlot = new Map<number, { entry: Entry; chosen: boolean }>();
    for (const p of this.promises.values()) {
      chosen = Math.max(chosen, p.chosen);
      for (const entry of p.entries) {
        if (entry.index <= base) continue;
        last = Math.max(last, entry.index);
        const known = entry.index <= p.chosen;
        const held = bySlot.get(entry.index);
        // A chosen value wins outright; otherwise the highest ballot does.
        if (!held || (!held.chosen && (known || entry.term > held.entry.term))) {
          bySlot.set(entry.index, { entry, chosen: known });
        }
      }
    }
    const entries: Entry[] = [];
    for (let slot = base + 1; slot <= last; slot++) {
      // No promise accepted anything here, so nothing was chosen: a no-op fills the hole.
      entries.push(bySlot.get(slot)?.entry ?? noOp(slot));
    }
    return { ...(snapshot ? { snapshot } : {}), base, chosen, entries };
  }

  /** The configurations that govern the slots after the adopted base, in slot order. */
  private configurations(adopted: Adopted): ConfState[] {
    let conf = adopted.snapshot?.meta.conf ?? this.conf;
    const out = [conf];
    for (const entry of adopted.entries) {
      if (entry.type !== "conf") continue;
      conf = applyConfChange(conf, decodeConfChange(entry.data));
      out.push(conf);
    }
    return out;
  }
}

/** An empty entry: applying it changes nothing. */
export function noOp(slot: number): Entry {
  return { index: slot, term: 0, type: "normal", data: new Uint8Array() };
}
