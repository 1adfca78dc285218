/**
 * `JobContext.shard` over executors: share 0 stays with the coordinating executor and is
 * computed in place; share i > 0 lives at peer i − 1. A share crosses the network with the
 * first step only; if a peer lost it (it restarted), the peer says so and gets it again.
 */
import type { Sharded } from "../../shared/jobs/kinds/job-kind";
import type { ExecutorRpc, PartialAnswer } from "./job-contract";

/** The part of an executor stub a coordinator needs. */
export type PeerExecutor = Pick<ExecutorRpc, "partial">;

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
      const site = this.peers[i - 1] as string;
      const stub = this.peer(site);
      let answer = await peerStep(
        stub,
        site,
        this.kind,
        key(i),
        sent[i] ? null : shares[i],
        params,
      );
      if ("missing" in answer)
        answer = await peerStep(stub, site, this.kind, key(i), shares[i], params);
      if ("missing" in answer) throw new Error(`peer ${site} cannot keep share ${i}`);
      sent[i] = true;
      return answer.value;
    };
    return {
      size: shares.length,
      map: (params) => Promise.all(shares.map((_, i) => step(i, params))),
    };
  }
}

/** One step at a peer; a problem it answers fails the attempt with its detail. */
async function peerStep(
  stub: PeerExecutor,
  site: string,
  ...call: Parameters<PeerExecutor["partial"]>
): Promise<PartialAnswer> {
  const answer = await stub.partial(...call);
  if (!answer.ok) throw new Error(`peer ${site}: ${answer.problem.detail}`);
  return answer.value;
}
