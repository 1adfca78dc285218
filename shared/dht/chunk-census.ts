/**
 * Which chunks a ring holds and how well copied they are, judged from every live node's
 * answer of what it holds — the pure part of listing chunks and of their health. A node
 * reports the chunks it holds bytes of and those it holds a delete's tombstone for. The
 * nodes that should hold a chunk are its holders in the membership view (Chord: the owner
 * and the next r − 1; Kademlia: the k closest). A chunk is listed when one of its holders
 * has its bytes, or when some node has them and none of its holders has its tombstone: a
 * copy left on a node outside the holders after a join is not a chunk once it is deleted.
 * Copies counted: on its holders (Chord), anywhere (Kademlia, whose holders place copies on
 * the k closest they know, which may sit just outside the true k closest).
 */
import { chunkKey } from "./chunk-key";
import type { MembershipView } from "./membership-view";

/** What one node reported holding. */
export interface NodeChunks {
  addr: string;
  /** Chunks it holds bytes of. */
  held: string[];
  /** Chunks it holds a delete's tombstone for. */
  deleted: string[];
}

export interface ChunkCensus {
  /** Distinct chunks of the ring, sorted. */
  hashes: string[];
  /** Of those, how many have fewer live copies than the ring's replication (or its size). */
  underReplicated: number;
}

/** The census of the chunks `reports` name, on the ring `view` describes. */
export function chunkCensus(view: MembershipView, reports: NodeChunks[]): ChunkCensus {
  const holding = new Map<string, Set<string>>();
  const deleting = new Map<string, Set<string>>();
  for (const report of reports) {
    for (const hash of report.held) addTo(holding, hash, report.addr);
    for (const hash of report.deleted) addTo(deleting, hash, report.addr);
  }
  const wanted = Math.min(view.snapshot.replication, view.size);
  const chord = view.snapshot.overlay === "chord";
  const hashes: string[] = [];
  let underReplicated = 0;
  for (const [hash, nodes] of holding) {
    const holders = view.holdersOf(chunkKey(hash), view.copies).map((m) => m.addr);
    const onHolders = holders.filter((addr) => nodes.has(addr)).length;
    const tombstoned = holders.some((addr) => deleting.get(hash)?.has(addr));
    if (onHolders === 0 && tombstoned) continue;
    hashes.push(hash);
    if ((chord ? onHolders : nodes.size) < wanted) underReplicated++;
  }
  hashes.sort();
  return { hashes, underReplicated };
}

function addTo(map: Map<string, Set<string>>, hash: string, addr: string): void {
  const set = map.get(hash);
  if (set) set.add(addr);
  else map.set(hash, new Set([addr]));
}
