/**
 * One iterative Chord lookup driven from the node that started it. The starting node asks
 * the closest preceding node it knows, that node answers with the target's successor list
 * or with nodes still closer, and so on. A node that does not answer is forgotten and the
 * next-closest candidate is tried. When every candidate closer than the closest node that
 * did answer has failed, that node is the target's live predecessor and the answer is the
 * rest of its successor list — which is how lookups survive failures before stabilization
 * has repaired the ring.
 */
import { inOpen, ringDistance } from "../ring-id";
import type { ChordRef, ChordResponse } from "./types";

/** How a lookup reaches the network; implemented by `ChordNode`. */
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
  /** Untried candidates, the closest preceding the target first. */
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

  private merge(incoming: ChordRef[]): void {
    for (const node of incoming) {
      if (this.tried.has(node.addr) || this.candidates.some((c) => c.addr === node.addr)) continue;
      this.candidates.push(node);
    }
    const t = this.target;
    this.candidates.sort((a, b) => {
      const da = ringDistance(a.id, t);
      const db = ringDistance(b.id, t);
      return da < db ? -1 : da > db ? 1 : 0;
    });
  }

  private queryNext(): void {
    const next = this.candidates[0];
    const best = this.best;
    if (next === undefined || (best !== null && !inOpen(next.id, best.node.id, this.target))) {
      this.answerFromBest();
      return;
    }
    this.candidates.shift();
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
