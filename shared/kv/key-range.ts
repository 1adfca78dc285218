/**
 * Key intervals in UTF-8 byte order, as etcd's `key`/`range_end` pairs: which keys a
 * listing or a range delete selects, given a prefix, an inclusive start and an exclusive
 * end.
 */
import { compareUtf8 } from "./text";

/** Which keys a listing or a range delete covers: all three conditions hold. */
export interface KeySelection {
  /** Keys start with it ("" for every key). */
  prefix: string;
  /** Keys are at or after it (inclusive), when given. */
  start?: string;
  /** Keys are before it (exclusive), when given, like etcd's `range_end`. */
  end?: string;
}

/** A half-open interval `[lower, upper)`; `upper` null means no upper bound. */
export interface KeyInterval {
  lower: string;
  upper: string | null;
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The least string above every string that starts with `prefix` — the end of its prefix
 * range, as etcd computes `range_end` — or null when there is none (the prefix is empty
 * or all U+10FFFF). The last code point below U+10FFFF goes up by one, skipping the
 * surrogates, which have no UTF-8 encoding; trailing U+10FFFFs are dropped first.
 */
export function prefixEnd(prefix: string): string | null {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    if (last < MAX_CODE_POINT) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join("") + String.fromCodePoint(next);
    }
  }
  return null;
}

/** The interval a selection covers (it may be empty: `lower` at or above `upper`). */
export function intervalOf(selection: KeySelection): KeyInterval {
  const lower = maxKey(selection.prefix, selection.start ?? "");
  const prefixUpper = prefixEnd(selection.prefix);
  const upper =
    selection.end === undefined
      ? prefixUpper
      : prefixUpper === null
        ? selection.end
        : minKey(selection.end, prefixUpper);
  return { lower, upper };
}

/** Whether `key` is below an interval's upper bound. */
export function belowUpper(key: string, upper: string | null): boolean {
  return upper === null || compareUtf8(key, upper) < 0;
}

/** The later of two keys in UTF-8 byte order. */
export function maxKey(a: string, b: string): string {
  return compareUtf8(a, b) >= 0 ? a : b;
}

function minKey(a: string, b: string): string {
  return compareUtf8(a, b) <= 0 ? a : b;
}
