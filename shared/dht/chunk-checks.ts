/**
 * What a ring node decides about a chunk call before it touches storage: whether the hash
 * and the bytes are acceptable (`badChunk`, `badChunkOp`, `badRepair`), and how fault
 * injection damages a held copy (`damagedCopy`). Pure; the node's shell only stores and
 * routes what these accept.
 */
import { type RpcFailure, rpcFail } from "../rpc-result";
import { CHUNK_HASH_PATTERN, chunkDigest, MAX_CHUNK_BYTES } from "./chunk-key";

/** Why a chunk call is refused, if it is: a malformed hash, or bytes missing or too many. */
export function badChunk(hash: string, bytes?: Uint8Array | null): RpcFailure | undefined {
  if (typeof hash !== "string" || !CHUNK_HASH_PATTERN.test(hash)) {
    return rpcFail("bad-request", "a chunk hash is 64 lowercase hex digits", { field: "hash" });
  }
  if (bytes === undefined) return undefined;
  if (!(bytes instanceof Uint8Array)) {
    return rpcFail("bad-request", "a chunk's bytes are a Uint8Array", { field: "bytes" });
  }
  if (bytes.byteLength > MAX_CHUNK_BYTES) {
    return rpcFail(
      "payload-too-large",
      `a chunk is ${bytes.byteLength} bytes; at most ${MAX_CHUNK_BYTES}`,
      { field: "bytes", extensions: { limit: MAX_CHUNK_BYTES } },
    );
  }
  return undefined;
}

/** Why a chunk write or delete is refused, if it is: another kind, or `badChunk`'s reasons. */
export function badChunkOp(req: {
  kind: string;
  hash: string;
  bytes?: Uint8Array;
}): RpcFailure | undefined {
  if (req.kind !== "put" && req.kind !== "delete") {
    return rpcFail("bad-request", "a chunk operation is a put or a delete", { field: "kind" });
  }
  return badChunk(req.hash, req.kind === "put" ? (req.bytes ?? null) : undefined);
}

/** Why a repair of chunk `hash` with `bytes` is refused, if it is: also bytes of another hash. */
export async function badRepair(hash: string, bytes: Uint8Array): Promise<RpcFailure | undefined> {
  const bad = badChunk(hash, bytes);
  if (bad) return bad;
  if ((await chunkDigest(bytes)) !== hash) {
    return rpcFail("bad-request", "the bytes do not hash to the chunk's name", {
      field: "bytes",
    });
  }
  return undefined;
}

/**
 * Fault injection's damaged copy of `held`: its first byte flipped, or one byte added to an
 * empty chunk (so that it no longer hashes to its name either way). `held` is not changed.
 */
export function damagedCopy(held: Uint8Array): Uint8Array {
  if (held.byteLength === 0) return new Uint8Array([0]);
  const damaged = held.slice();
  damaged[0] = (damaged[0] as number) ^ 0xff;
  return damaged;
}
