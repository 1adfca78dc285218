/**
 * One iterative Chord lookup driven from the node that started it. The starting node asks
 * its closest preceding finger, that node answers with the target's successor list or with
 * its own closest preceding fingers, and so on — the paper's find_predecessor. A node that
 * does not answer is forgotten and the next candidate is tried: the same answer's next
 * finger, then its successor-list entries, then earlier answers' candidates. When every
 * candidate closer than the closest node that did answer has failed, that node is the
 * target's live predecessor and the answer is the rest of its successor list — which is
 * how lookups survive failures before stabilization has repaired the ring.
 */
import { inOpen, ringDistance } from "../ring-id";
import type { ChordRef, ChordResponse } from "./types";

/** How a lookup reaches the network; implemented by `ChordContext`. */
export interface LookupPort {
  /** The starting node's own answer, without a message. */
  local(target: bigint): ChordResponse;
  ask(
    to: ChordRef,
    target: bigint,
    onReply: (res: ChordResponse) => void,
    onTimeout: () => void,
  ): void;
  forget(addr: string): void;
}

export interface LookupResult {
  /** The target's successor list as its predecessor knows it; null when the lookup failed. */
  successors: ChordRef[] | null;
  hops: number;
  timeouts: number;
}

export class ChordLookup {
  private hops = 0;
  private timeouts = 0;
  /**
   * Untried candidates in the order to try them: the latest answer's list first (its
   * closest preceding finger at the head, its successor-list fallbacks after), then what
   * earlier answers offered.
   */
  private candidates: ChordRef[] = [];
  private readonly tried = new Set<string>();
  private readonly dead = new Set<string>();
  /** The answering node closest before the target so far, with its successor list. */
  private best: { node: ChordRef; successors: ChordRef[] } | null = null;

  constructor(
    private readonly target: bigint,
    private readonly self: ChordRef,
    private readonly port: LookupPort,
    private readonly finish: (result: LookupResult) => void,
  ) {
    this.tried.add(self.addr);
  }

  /** Starts from the local routing table. */
  startLocal(): void {
    this.process(this.self, this.port.local(this.target));
  }

  /** Starts by asking `bootstrap` (a joining node knows nothing yet). */
  startVia(bootstrap: ChordRef): void {
    this.candidates = [bootstrap];
    this.queryNext();
  }

  private process(from: ChordRef, res: ChordResponse): void {
    if (res.kind === "found") {
      this.done(res.successors);
      return;
    }
    if (res.kind === "closer") {
      const best = this.best;
      const t = this.target;
      if (best === null || ringDistance(from.id, t) < ringDistance(best.node.id, t)) {
        this.best = { node: from, successors: res.successors };
      }
      this.merge(res.candidates);
    }
    this.queryNext();
  }

  /** The newest answer's candidates go first, in its order; older ones stay as fallbacks. */
  private merge(incoming: ChordRef[]): void {
    const fresh = incoming.filter(
      (node, i) =>
        !this.tried.has(node.addr) && incoming.findIndex((n) => n.addr === node.addr) === i,
    );
    const rest = this.candidates.filter((c) => !fresh.some((n) => n.addr === c.addr));
    this.candidates = [...fresh, ...rest];
  }

  private queryNext(): void {
    const best = this.best;
    // Only nodes strictly between the best answerer and the target can still help.
    if (best !== null) {
      this.candidates = this.candidates.filter((c) => inOpen(c.id, best.node.id, this.target));
    }
    const next = this.candidates.shift();
    if (next === undefined) {
      this.answerFromBest();
      return;
    }
    this.tried.add(next.addr);
    this.port.ask(
      next,
      this.target,
      (res) => {
        this.hops++;
        this.process(next, res);
      },
      () => {
        this.timeouts++;
        this.dead.add(next.addr);
        this.port.forget(next.addr);
        this.queryNext();
      },
    );
  }

  /** Every node between the best answerer and the target failed: its later successors own it. */
  private answerFromBest(): void {
    const best = this.best;
    if (best === null) {
      this.done(null);
      return;
    }
    const rest = best.successors.filter(
      (n) => !this.dead.has(n.addr) && !inOpen(n.id, best.node.id, this.target),
    );
    this.done(rest.length > 0 ? rest : null);
  }

  private done(successors: ChordRef[] | null): void {
    this.finish({ successors, hops: this.hops, timeouts: this.timeouts });
  }
}
