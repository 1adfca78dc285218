/** One command's key changes, applied at a single revision. */
import type { Keyspace } from "./keyspace";
import type { LeaseTable } from "./leases";
import type { DeleteRequest, KeyValue, PutRequest, WatchEvent } from "./types";

/**
 * The key changes of one command, all at one revision. Keeps lease key sets in step with
 * the keys and collects the watch events; the caller commits it.
 */
export class Change {
  readonly events: WatchEvent[] = [];

  constructor(
    private readonly keys: Keyspace,
    private readonly leases: LeaseTable,
    readonly revision: number,
  ) {}

  put(request: PutRequest): { item: KeyValue; prev?: KeyValue } {
    const prev = this.keys.get(request.key);
    if (prev?.lease !== undefined) this.leases.detach(prev.lease, request.key);
    const item = this.keys.put(request.key, request.value, this.revision, request.lease);
    if (request.lease !== undefined) this.leases.attach(request.lease, request.key);
    this.events.push({
      type: "put",
      key: item.key,
      value: item.value,
      revision: item.modRevision,
      createRevision: item.createRevision,
      version: item.version,
      ...(item.lease !== undefined && { lease: item.lease }),
    });
    return request.prevKv && prev ? { item, prev } : { item };
  }

  /** Deletes a key or every key under a prefix; returns how many existed. */
  delete(request: DeleteRequest): number {
    const keys = request.prefix
      ? this.keys.range(request.key).items.map((item) => item.key)
      : [request.key];
    return this.deleteKeys(keys);
  }

  /** Deletes `keys` (absent ones are skipped), one watch event each; returns how many existed. */
  deleteKeys(keys: readonly string[]): number {
    let deleted = 0;
    for (const key of keys) {
      const prev = this.keys.delete(key);
      if (!prev) continue;
      if (prev.lease !== undefined) this.leases.detach(prev.lease, key);
      this.events.push({ type: "delete", key, revision: this.revision });
      deleted++;
    }
    return deleted;
  }
}
