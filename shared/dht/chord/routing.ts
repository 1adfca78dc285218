/**
 * A Chord node's routing state — predecessor, successor list and finger table — and the
 * local decisions made from it. No messaging here: `ChordNode` asks the questions and
 * feeds back what it learns.
 */
import { inOpen, inOpenClosed, RING_BITS, ringDistance } from "../ring-id";
import type { ChordRef, ChordState } from "./types";

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
   * Known nodes strictly between self and `target`, in the order a lookup should try them:
   * the fingers first, closest to the target first — the head is the paper's
   * closest_preceding_finger — then the successor-list entries that are not fingers, as
   * fallbacks for when every finger has failed. The successor list never jumps ahead of a
   * live finger, so lookups take the paper's path.
   */
  closestPreceding(target: bigint): ChordRef[] {
    const self = this.self.id;
    const fingers: ChordRef[] = [];
    for (const finger of this.fingers) {
      if (finger === null || !inOpen(finger.id, self, target)) continue;
      if (!fingers.some((f) => f.addr === finger.addr)) fingers.push(finger);
    }
    const fallbacks = this.successors.filter(
      (node) => inOpen(node.id, self, target) && !fingers.some((f) => f.addr === node.addr),
    );
    return [...byDistanceTo(target, fingers), ...byDistanceTo(target, fallbacks)];
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

/** `nodes` sorted by clockwise distance to `target`, the closest preceding first. */
function byDistanceTo(target: bigint, nodes: ChordRef[]): ChordRef[] {
  return nodes
    .map((node) => ({ node, d: ringDistance(node.id, target) }))
    .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0))
    .map((e) => e.node);
}
