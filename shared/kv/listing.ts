/**
 * What a `range` command answers: one page of keys in UTF-8 byte order, optionally folded
 * into common prefixes by a separator (one level of a tree, as Consul's
 * `?keys&separator=/` and S3's delimiter), without values, or only counted.
 */
import { belowUpper, intervalOf, maxKey, prefixEnd } from "./key-range";
import type { Keyspace } from "./keyspace";
import type { KeyValue, ListedKey, RangeRequest, RangeResult } from "./types";

/** A range result before the state machine adds its revision. */
export type Listing = Omit<RangeResult, "kind" | "revision">;

/**
 * Lists what `request` selects. Pages end after `limit` entries (keys and common prefixes
 * together); the next entry is then the `cursor`, and a request with that cursor starts
 * there. A common prefix costs one seek, however many keys it folds.
 */
export function listKeys(keys: Keyspace, request: RangeRequest): Listing {
  const interval = intervalOf(request);
  interval.lower = maxKey(interval.lower, request.cursor ?? "");
  const separator = request.separator ?? "";
  if (request.countOnly && separator === "") {
    return { items: [], count: keys.countIn(interval), more: false };
  }
  const limit = request.countOnly ? 0 : (request.limit ?? 0);
  const items: ListedKey[] = [];
  const prefixes: string[] = [];
  let entries = 0;
  let lower: string | null = interval.lower;
  const page = (more: boolean, cursor?: string): Listing => {
    if (request.countOnly) return { items: [], count: entries, more: false };
    return {
      items,
      ...(separator !== "" && { prefixes }),
      more,
      ...(cursor !== undefined && { cursor }),
    };
  };
  seeking: while (lower !== null) {
    for (const key of keys.keysFrom(lower)) {
      if (!belowUpper(key, interval.upper)) break seeking;
      const folded = separator === "" ? -1 : key.indexOf(separator, request.prefix.length);
      const common = folded < 0 ? null : key.slice(0, folded + separator.length);
      if (limit > 0 && entries === limit) return page(true, common ?? key);
      entries++;
      if (common === null) {
        if (!request.countOnly) items.push(view(keys.get(key) as KeyValue, request.keysOnly));
        continue;
      }
      if (!request.countOnly) prefixes.push(common);
      lower = prefixEnd(common);
      continue seeking;
    }
    break;
  }
  return page(false);
}

function view(item: KeyValue, keysOnly: boolean | undefined): ListedKey {
  if (!keysOnly) return item;
  const { value: _value, ...rest } = item;
  return rest;
}
