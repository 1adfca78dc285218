/**
 * The chunk RPCs of the CHORD_NODE and KADEMLIA_NODE shells, on top of `RingNodeBase`.
 * `chunkOp` writes or deletes a chunk through the core like a key (routed to its owner,
 * which copies it to its replicas), `chunkLookup` reads one the same way; `chunkCopy`,
 * `chunkRepair` and `chunkHashes` act on this node's own copies only, without routing, so
 * that a reader can check and mend each replica; `corruptChunk` is fault injection for
 * tests (called on the binding, no route). What a call may do is decided by the pure
 * checks in `shared/dht/chunk-checks`; this layer only stores and routes. Every RPC answers
 * an `RpcResult`.
 */
import { badChunk, badChunkOp, badRepair, damagedCopy } from "../../shared/dht/chunk-checks";
import { chunkKey } from "../../shared/dht/chunk-key";
import { type RpcResult, rpcOk } from "../../shared/rpc-result";
import { type ChunkCopy, type ChunkOpRequest, type ChunkWritten, noNode } from "./node-contract";
import { type DhtCore, RingNodeBase } from "./ring-node-base";

export abstract class ChunkRingNode<
  Req,
  Res,
  State,
  Done extends { op: number },
  R extends { key: string; id: bigint; stamp: number; value: string | Uint8Array | null },
  Core extends DhtCore<Req, Res, State, Done>,
> extends RingNodeBase<Req, Res, State, Done, R, Core> {
  /** Writes or deletes a chunk through the core: routed to its owner, copied to its replicas. */
  async chunkOp(req: ChunkOpRequest): Promise<RpcResult<ChunkWritten>> {
    const bad = badChunkOp(req);
    if (bad) return bad;
    const key = chunkKey(req.hash);
    const served = await this.serveKeyOp(
      req.kind === "put" ? { kind: "put", key, value: req.bytes } : { kind: "delete", key },
    );
    if (!served.ok) return served;
    return rpcOk({ node: served.value.node, present: served.value.present === true });
  }

  /**
   * A chunk read through the core, routed as a key's get (Kademlia: the first node holding
   * it on the way to its closest): for when no holder a membership view names has it.
   * Unverified; null when the lookup found none.
   */
  async chunkLookup(hash: string): Promise<RpcResult<Uint8Array | null>> {
    const bad = badChunk(hash);
    if (bad) return bad;
    const served = await this.serveKeyOp({ kind: "get", key: chunkKey(hash) });
    if (!served.ok) return served;
    const value = served.value.value;
    return rpcOk(value instanceof Uint8Array ? value : null);
  }

  /** This node's own copy of a chunk (null when it holds none), read without routing. */
  async chunkCopy(hash: string): Promise<RpcResult<ChunkCopy | null>> {
    if (!this.core) return noNode();
    const bad = badChunk(hash);
    if (bad) return bad;
    const record = this.records.get(chunkKey(hash));
    if (!(record?.value instanceof Uint8Array)) return rpcOk(null);
    return rpcOk({ bytes: record.value, stamp: record.stamp });
  }

  /**
   * Mends this node's own copy of a chunk with good bytes of write `stamp` (a reader found
   * it damaged or missing here): refused unless the bytes hash to `hash`; kept as it is
   * when a later write (a delete) is held.
   */
  async chunkRepair(hash: string, bytes: Uint8Array, stamp: number): Promise<RpcResult<null>> {
    const bad = await badRepair(hash, bytes);
    if (bad) return bad;
    if (!this.core) return noNode();
    await this.driver.run(this.core.restoreCopy(chunkKey(hash), bytes, stamp, Date.now()));
    return rpcOk(null);
  }

  /** The chunks this node holds bytes of, and those it holds a delete's tombstone for. */
  async chunkHashes(): Promise<RpcResult<{ held: string[]; deleted: string[] }>> {
    if (!this.core) return noNode();
    return rpcOk(this.records.chunkHashes());
  }

  /**
   * Fault injection (tests call it on the binding; no route reaches it): damages this
   * node's copy of a chunk in place (`damagedCopy`), keeping its stamp; or, with `lose`,
   * drops the copy as if never stored. False when the node holds no copy.
   */
  async corruptChunk(hash: string, how: "damage" | "lose" = "damage"): Promise<RpcResult<boolean>> {
    if (!this.core) return noNode();
    const key = chunkKey(hash);
    const held = this.records.get(key)?.value;
    if (!(held instanceof Uint8Array)) return rpcOk(false);
    if (how === "lose") {
      this.records.delete(key);
      return rpcOk(true);
    }
    return rpcOk(this.records.overwriteBytes(key, damagedCopy(held)));
  }
}
