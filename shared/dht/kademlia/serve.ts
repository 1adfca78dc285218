/**
 * The request-serving side of a Kademlia node: PING, FIND_NODE, FIND_VALUE and STORE
 * answered from the shared context. A STORE of an older write is answered with the newer
 * copy held here.
 */
import { kadId } from "../xor-id";
import type { KadContext } from "./context";
import type { KadCopy, KadRequest, KadResponse } from "./types";

/** Answers one peer's request. Filing the sender in a bucket is the caller's part. */
export function serve(ctx: KadContext, req: KadRequest): KadResponse {
  switch (req.kind) {
    case "ping":
      return { kind: "pong" };
    case "findNode":
      return { kind: "nodes", contacts: ctx.table.closest(req.target, ctx.config.k) };
    case "findValue": {
      const record = ctx.liveRecord(req.key);
      if (record) return { kind: "value", value: record.value, ttl: record.expiresAt - ctx.now };
      return { kind: "nodes", contacts: ctx.table.closest(kadId(req.key), ctx.config.k) };
    }
    case "store": {
      const newer: KadCopy[] = [];
      for (const copy of req.copies) {
        const held = ctx.replicas.accept(copy, ctx.now, ctx.republishAt());
        if (held) newer.push(held);
      }
      return { kind: "stored", newer };
    }
  }
}
