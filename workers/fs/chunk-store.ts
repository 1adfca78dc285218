/**
 * The file system's chunk store: immutable, content-addressed chunks of at most
 * `MAX_CHUNK_BYTES` in a DHT ring, named by their SHA-256 and kept as bytes (BLOBs in the
 * nodes' SQLite, `Uint8Array` over RPC) by the ring's own replication — r copies on Chord
 * (the owner and the next r − 1 nodes), the k closest nodes on Kademlia — so they are
 * handed off on joins and leaves and copied back after failures like keys are.
 *
 * Every call routes one hop from the gateway's cached membership view (`dht-view-cache`):
 * a write or delete is one call to the chunk's owner, which copies it to the other holders
 * before answering; a read asks the holders one at a time, verifies each answer's hash,
 * skips a damaged or missing copy and, once a good one is found, rewrites the bad copies
 * with it. So a chunk operation costs O(r) Durable Object calls, and one in the common case.
 * Only when every holder answers that it has none does a read ask the owner to look the
 * chunk up through the overlay (one more call), before answering 404.
 * Listing and health ask every live node once (`SURVEY_PARALLELISM` at a time).
 *
 * Errors are `ProblemError`s: `bad-request` (a malformed hash), `payload-too-large` (a
 * chunk over the limit), `not-found` (no holder has the chunk), `unavailable` (no holder
 * answered, or some did not and none had it), `internal` (every copy failed verification).
 */
import {
  type ChunkCopy,
  type ChunkOpRequest,
  type ChunkWritten,
  ringNodeStub,
} from "../../durable-objects/dht/node-contract";
import { chunkCensus, type NodeChunks } from "../../shared/dht/chunk-census";
import {
  CHUNK_HASH_PATTERN,
  chunkDigest,
  chunkKey,
  MAX_CHUNK_BYTES,
} from "../../shared/dht/chunk-key";
import type { MembershipView } from "../../shared/dht/membership-view";
import type { RingMember } from "../../shared/dht/ring-config";
import type { ChunkRef } from "../../shared/fs/types";
import type { RpcResult } from "../../shared/rpc-result";
import { dropView, ringView } from "../gateway/dht-view-cache";
import { ProblemError } from "../gateway/problem";
import { problemFromRpc } from "../gateway/rpc-unwrap";

export { MAX_CHUNK_BYTES };

/**
 * What `putChunk` answers: the chunk as a file's manifest names it (an empty chunk, which
 * no manifest names, has size 0), and whether its owner held it already.
 */
export interface StoredChunk extends ChunkRef {
  /** True when the owner held these bytes already: nothing was written or copied. */
  present: boolean;
}

/** What `listChunks` answers. */
export interface ChunkListing {
  /** Distinct chunks, sorted. */
  hashes: string[];
  /** True when every live node answered; a garbage collector must not act on an incomplete list. */
  complete: boolean;
}

/** What `chunkHealth` answers. */
export interface ChunkHealth {
  /** Distinct chunks. */
  chunks: number;
  /** Chunks with fewer live copies than the ring's replication (or its size, if smaller). */
  underReplicated: number;
  /** True when every live node answered (else the counts cover the nodes that did). */
  complete: boolean;
}

/**
 * Owners tried for one write or delete: the one the cached view names, then the one a
 * freshly fetched view names.
 */
export const CHUNK_WRITE_ATTEMPTS = 2;
/** Node calls in flight at once while listing (the platform allows 6 open connections). */
export const SURVEY_PARALLELISM = 4;

/**
 * Stores `bytes` as a chunk of `ring` on its holders and answers its name. Idempotent: the
 * same bytes again cost one call and write nothing (`present: true`). Refuses (413,
 * nothing stored) more than `MAX_CHUNK_BYTES`.
 */
export async function putChunk(env: Env, ring: string, bytes: Uint8Array): Promise<StoredChunk> {
  if (!(bytes instanceof Uint8Array)) {
    throw new ProblemError("bad-request", "a chunk is a Uint8Array", { field: "bytes" });
  }
  if (bytes.byteLength > MAX_CHUNK_BYTES) {
    throw new ProblemError(
      "payload-too-large",
      `a chunk is ${bytes.byteLength} bytes; at most ${MAX_CHUNK_BYTES}`,
      { field: "bytes", extensions: { limit: MAX_CHUNK_BYTES } },
    );
  }
  // A view into a larger buffer would carry all of it over RPC: send exactly the chunk.
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const chunk = exact ? bytes : bytes.slice();
  const hash = await chunkDigest(chunk);
  const written = await writeAtOwner(env, ring, { kind: "put", hash, bytes: chunk });
  return { hash, size: chunk.byteLength, present: written.present };
}

/**
 * The bytes of chunk `hash`, verified against it. A holder that answers damaged bytes or
 * none is skipped and, once another holder has served good bytes, rewritten with them.
 */
export async function getChunk(env: Env, ring: string, hash: string): Promise<Uint8Array> {
  checkHash(hash);
  let view = await ringView(env, ring);
  let read = await readHolders(env, view, hash);
  if (read.kind === "short") {
    // A stale view names the wrong holders, or a holder has gone: ask as the ring is now.
    dropView(ring);
    const fresh = await ringView(env, ring, true);
    if (fresh.version !== view.version || read.unanswered > 0) {
      view = fresh;
      read = await readHolders(env, view, hash);
    }
  }
  if (read.kind === "good") return read.bytes;
  if (read.unanswered === 0 && read.damaged === 0) {
    // Every holder answered that it has none: a copy may still sit beside them (Kademlia
    // holders place copies on the closest nodes they know). A routed read finds it.
    const found = await lookUp(env, view, hash);
    if (found) return found;
  }
  if (read.answered === 0) {
    throw new ProblemError("unavailable", `no holder of chunk ${hash} in ring "${ring}" answered`);
  }
  if (read.unanswered > 0) {
    throw new ProblemError(
      "unavailable",
      `chunk ${hash}: ${read.unanswered} holder(s) did not answer and none of the others has it`,
    );
  }
  if (read.damaged > 0) {
    throw new ProblemError("internal", `every copy of chunk ${hash} failed verification`);
  }
  throw new ProblemError("not-found", `no chunk ${hash} in ring "${ring}"`, { field: "hash" });
}

/**
 * Deletes chunk `hash` (for the garbage collector): its owner writes a delete's tombstone
 * and copies it to the other holders, as for a key, so every held copy goes and a late
 * copy cannot bring it back. Deleting an absent chunk is not an error.
 */
export async function deleteChunk(env: Env, ring: string, hash: string): Promise<void> {
  checkHash(hash);
  await writeAtOwner(env, ring, { kind: "delete", hash });
}

/**
 * Every chunk of `ring`, from every live node's report; `complete` is false when a node
 * did not answer (the listing may then miss chunks only that node holds).
 */
export async function listChunks(env: Env, ring: string): Promise<ChunkListing> {
  const { view, reports, complete } = await survey(env, ring);
  return { hashes: chunkCensus(view, reports).hashes, complete };
}

/** How many distinct chunks `ring` holds and how many of them are short of copies. */
export async function chunkHealth(env: Env, ring: string): Promise<ChunkHealth> {
  const { view, reports, complete } = await survey(env, ring);
  const census = chunkCensus(view, reports);
  return { chunks: census.hashes.length, underReplicated: census.underReplicated, complete };
}

function checkHash(hash: string): void {
  if (typeof hash !== "string" || !CHUNK_HASH_PATTERN.test(hash)) {
    throw new ProblemError("bad-request", "a chunk hash is 64 lowercase hex digits", {
      field: "hash",
    });
  }
}

/** A chunk write or delete at its owner, from the cached view, then from a fresh one. */
async function writeAtOwner(env: Env, ring: string, req: ChunkOpRequest): Promise<ChunkWritten> {
  for (let attempt = 0; attempt < CHUNK_WRITE_ATTEMPTS; attempt++) {
    const view = await ringView(env, ring, attempt > 0);
    const owner = view.ownerOf(chunkKey(req.hash));
    if (!owner) break;
    let answer: RpcResult<ChunkWritten>;
    try {
      answer = await nodeOf(env, view, owner).chunkOp(req);
    } catch {
      dropView(ring);
      continue;
    }
    if (answer.ok) {
      if (answer.value.node !== owner.addr) dropView(ring);
      return answer.value;
    }
    const { kind } = answer.problem;
    if (kind === "bad-request" || kind === "payload-too-large")
      throw problemFromRpc(answer.problem);
    dropView(ring);
  }
  throw new ProblemError("unavailable", `no owner of chunk ${req.hash} in ring "${ring}" answered`);
}

type HolderRead =
  | { kind: "good"; bytes: Uint8Array }
  | { kind: "short"; answered: number; unanswered: number; damaged: number };

/**
 * Asks the chunk's holders in order for their own copy until one verifies; then rewrites
 * the copies found damaged or missing on the way with it (a failed rewrite is left to the
 * next read).
 */
async function readHolders(env: Env, view: MembershipView, hash: string): Promise<HolderRead> {
  const bad: RingMember[] = [];
  let unanswered = 0;
  let damaged = 0;
  for (const holder of view.holdersOf(chunkKey(hash), view.copies)) {
    let answer: RpcResult<ChunkCopy | null>;
    try {
      answer = await nodeOf(env, view, holder).chunkCopy(hash);
    } catch {
      unanswered++;
      continue;
    }
    if (!answer.ok) {
      unanswered++;
      continue;
    }
    const copy = answer.value;
    if (copy === null) {
      bad.push(holder);
      continue;
    }
    if (copy.bytes.byteLength > MAX_CHUNK_BYTES || (await chunkDigest(copy.bytes)) !== hash) {
      damaged++;
      bad.push(holder);
      continue;
    }
    await Promise.all(
      bad.map((node) =>
        nodeOf(env, view, node)
          .chunkRepair(hash, copy.bytes, copy.stamp)
          .catch(() => undefined),
      ),
    );
    return { kind: "good", bytes: copy.bytes };
  }
  const asked = view.holdersOf(chunkKey(hash), view.copies).length;
  return { kind: "short", answered: asked - unanswered, unanswered, damaged };
}

/** The chunk as a routed read from its owner finds it, if it verifies. */
async function lookUp(env: Env, view: MembershipView, hash: string): Promise<Uint8Array | null> {
  const owner = view.ownerOf(chunkKey(hash));
  if (!owner) return null;
  try {
    const answer = await nodeOf(env, view, owner).chunkLookup(hash);
    if (!answer.ok || answer.value === null) return null;
    return (await chunkDigest(answer.value)) === hash ? answer.value : null;
  } catch {
    return null;
  }
}

/** Every live node's chunk report, from a freshly fetched view (a listing must not miss a new node). */
async function survey(
  env: Env,
  ring: string,
): Promise<{ view: MembershipView; reports: NodeChunks[]; complete: boolean }> {
  const view = await ringView(env, ring, true);
  const members = view.snapshot.members;
  const reports: NodeChunks[] = [];
  let complete = true;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      const member = members[next++] as RingMember;
      try {
        const answer = await nodeOf(env, view, member).chunkHashes();
        if (answer.ok) reports.push({ addr: member.addr, ...answer.value });
        else complete = false;
      } catch {
        complete = false;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SURVEY_PARALLELISM, members.length) }, worker));
  return { view, reports, complete };
}

function nodeOf(env: Env, view: MembershipView, member: RingMember) {
  return ringNodeStub(env, view.snapshot.overlay, member.addr);
}
