/**
 * A Chord node's routing state — predecessor, successor list and finger table — and the
 * local decisions made from it. No messaging here: `ChordNode` asks the questions and
 * feeds back what it learns.
 */
import { inOpen, inOpenClosed, RING_BITS, ringDistance } from "../ring-id";
import type { ChordRef, ChordState } from "./types";

/** Most candidates a lookup step hands back (the closest first). */
const MAX_CANDIDATES = 8;

export class ChordRouting {
  readonly self: ChordRef;
  predecessor: ChordRef | null;
  /** See ChordState: non-empty, no duplicates, `self` only as the sole entry. */
  successors: ChordRef[];
  readonly fingers: (ChordRef | null)[];
  /** Next finger index fix_fingers refreshes, in [0, 64). */
  nextFinger: number;

  constructor(
    state: ChordState,
    private readonly listLength: number,
  ) {
    this.self = state.self;
    this.predecessor = state.predecessor;
    this.successors = state.successors.length > 0 ? [...state.successors] : [state.self];
    this.fingers =
      state.fingers.length === RING_BITS ? [...state.fingers] : new Array(RING_BITS).fill(null);
    this.nextFinger = state.nextFinger;
  }

  /** A fresh ring of one. */
  static alone(self: ChordRef, listLength: number): ChordRouting {
    return new ChordRouting(
      { self, predecessor: null, successors: [self], fingers: [], nextFinger: 0 },
      listLength,
    );
  }

  get successor(): ChordRef {
    return this.successors[0] as ChordRef;
  }

  snapshot(): ChordState {
    return {
      self: this.self,
      predecessor: this.predecessor,
      successors: [...this.successors],
      fingers: [...this.fingers],
      nextFinger: this.nextFinger,
    };
  }

  /** True when `target` falls in (self, successor], so the successor list answers it. */
  answers(target: bigint): boolean {
    return inOpenClosed(target, this.self.id, this.successor.id);
  }

  /** True when this node is the owner of `id` as far as it knows: id ∈ (predecessor, self]. */
  owns(id: bigint): boolean {
    if (this.predecessor === null) return this.successor.addr === this.self.addr;
    return inOpenClosed(id, this.predecessor.id, this.self.id);
  }

  /**
   * Known nodes strictly between self and `target`, closest to the target first: the
   * paper's closest_preceding_finger, extended with runners-up and the successor list so
   * a lookup can route around a dead entry.
   */
  closestPreceding(target: bigint): ChordRef[] {
    const found: ChordRef[] = [];
    const self = this.self.id;
    let previous: ChordRef | null = null;
    for (let i = RING_BITS - 1; i >= 0 && found.length < MAX_CANDIDATES; i--) {
      const finger = this.fingers[i] ?? null;
      if (finger === null || finger === previous) continue;
      previous = finger;
      if (inOpen(finger.id, self, target) && !found.some((f) => f.addr === finger.addr)) {
        found.push(finger);
      }
    }
    for (const node of this.successors) {
      if (inOpen(node.id, self, target) && !found.some((f) => f.addr === node.addr)) {
        found.push(node);
      }
    }
    found.sort((a, b) => compareBig(ringDistance(a.id, target), ringDistance(b.id, target)));
    return found.slice(0, MAX_CANDIDATES);
  }

  /**
   * Replaces the successor list by `head` followed by `tail`, deduplicated and trimmed. The
   * list stops where it would wrap around the ring past this node: on a ring smaller than
   * the list, entries learned from the far side would otherwise circulate forever, and a
   * dead node forgotten by those who tried it would keep coming back from the others.
   */
  setSuccessors(head: ChordRef[], tail: ChordRef[]): boolean {
    const next: ChordRef[] = [];
    let previous = 0n;
    for (const node of [...head, ...tail]) {
      if (node.addr === this.self.addr || next.some((n) => n.addr === node.addr)) continue;
      const distance = ringDistance(this.self.id, node.id);
      if (distance <= previous) break;
      previous = distance;
      next.push(node);
      if (next.length === this.listLength) break;
    }
    if (next.length === 0) next.push(this.fallbackSuccessor());
    const changed =
      next.length !== this.successors.length ||
      next.some((n, i) => n.addr !== this.successors[i]?.addr);
    this.successors = next;
    return changed;
  }

  /** Adopts `node` as predecessor if it is closer than the current one; true if adopted. */
  offerPredecessor(node: ChordRef): boolean {
    if (node.addr === this.self.addr) return false;
    if (this.predecessor !== null && !inOpen(node.id, this.predecessor.id, this.self.id)) {
      return false;
    }
    this.predecessor = node;
    return true;
  }

  /** Removes every trace of a node believed dead or gone; true if anything changed. */
  forget(addr: string): boolean {
    let changed = false;
    if (this.predecessor?.addr === addr) {
      this.predecessor = null;
      changed = true;
    }
    for (let i = 0; i < this.fingers.length; i++) {
      if (this.fingers[i]?.addr === addr) {
        this.fingers[i] = null;
        changed = true;
      }
    }
    if (this.successors.some((n) => n.addr === addr)) {
      this.setSuccessors(
        this.successors.filter((n) => n.addr !== addr),
        [],
      );
      changed = true;
    }
    return changed;
  }

  /** The nearest known node clockwise when the successor list has run dry, else self. */
  private fallbackSuccessor(): ChordRef {
    let best: ChordRef = this.self;
    let bestDistance = 0n;
    const known = [...this.fingers, this.predecessor];
    for (const node of known) {
      if (node === null || node === undefined || node.addr === this.self.addr) continue;
      const d = ringDistance(this.self.id, node.id);
      if (best === this.self || d < bestDistance) {
        best = node;
        bestDistance = d;
      }
    }
    return best;
  }
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
