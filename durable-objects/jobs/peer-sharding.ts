/**
 * `JobContext.shard` over executors: share 0 stays with the coordinating executor and is
 * computed in place; share i > 0 lives at peer i − 1. A share crosses the network with the
 * first step only; if a peer lost it (it restarted), the peer says so and gets it again.
 */
import type { Sharded } from "../../shared/jobs/kinds/job-kind";

/** Answer of a peer step: the value, or a request to send the share again. */
export type PartialAnswer = { value: unknown } | { missing: true };

/** The part of an executor stub a coordinator needs. */
export interface PeerExecutor {
  partial(kind: string, shareKey: string, share: unknown, params: unknown): Promise<PartialAnswer>;
}

/** Builds `Sharded` sets for one attempt of one job. */
export class PeerSharding {
  constructor(
    private readonly kind: string,
    private readonly attemptKey: string,
    private readonly peer: (site: string) => PeerExecutor,
    private readonly peers: readonly string[],
    private readonly local: (share: unknown, params: unknown) => unknown,
  ) {}

  /** Spreads `shares` (at most 1 + peers) over this executor and its peers. */
  shard(shares: unknown[]): Sharded {
    if (shares.length > 1 + this.peers.length) {
      throw new Error(`${shares.length} shares for ${1 + this.peers.length} executors`);
    }
    const sent = shares.map(() => false);
    const key = (i: number) => `${this.attemptKey}/${i}`;
    const step = async (i: number, params: unknown): Promise<unknown> => {
      if (i === 0) return this.local(shares[0], params);
      const stub = this.peer(this.peers[i - 1] as string);
      let answer = await stub.partial(this.kind, key(i), sent[i] ? null : shares[i], params);
      if ("missing" in answer) answer = await stub.partial(this.kind, key(i), shares[i], params);
      if ("missing" in answer) throw new Error(`peer ${this.peers[i - 1]} cannot keep share ${i}`);
      sent[i] = true;
      return answer.value;
    };
    return {
      size: shares.length,
      map: (params) => Promise.all(shares.map((_, i) => step(i, params))),
    };
  }
}
