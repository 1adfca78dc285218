/** Evaluation of txn guards, with etcd's rules for missing keys. */
import { compareUtf8 } from "./text";
import type { Compare, KeyValue } from "./types";

/**
 * True when `compare` holds for `item` (undefined when the key is absent). Values compare
 * as UTF-8 bytes; a missing key fails every `value` compare and has 0 as its version,
 * createRevision and modRevision.
 */
export function compareHolds(compare: Compare, item: KeyValue | undefined): boolean {
  let order: number;
  if (compare.target === "value") {
    if (!item) return false;
    order = compareUtf8(item.value, String(compare.value));
  } else {
    order = (item ? item[compare.target] : 0) - Number(compare.value);
  }
  switch (compare.op) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case "<":
      return order < 0;
    case ">":
      return order > 0;
  }
}
