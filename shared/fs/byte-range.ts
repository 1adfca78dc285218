/**
 * HTTP byte ranges for file reads (RFC 9110 §14): parses one `Range: bytes=…` header
 * against a file's size, and plans which chunks, and which bytes of each, a range needs,
 * so a read fetches only those chunks.
 */

/** A satisfiable range: the first and last byte, both inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a `Range` header asks of a file of `size` bytes: `null` to serve the whole file
 * (no header, another unit, several ranges, or a header that does not parse — a server may
 * ignore those), a range, or `"unsatisfiable"` (416).
 */
export function parseRange(
  header: string | null | undefined,
  size: number,
): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

/** The bytes `from`..`to` (exclusive) of chunk `index`. */
export interface ChunkSlice {
  index: number;
  from: number;
  to: number;
}

/** The slices of chunks (sizes in file order) that cover `range`, in order. */
export function slicesFor(sizes: readonly number[], range: ByteRange): ChunkSlice[] {
  const slices: ChunkSlice[] = [];
  let offset = 0;
  for (const [index, size] of sizes.entries()) {
    const chunkEnd = offset + size;
    if (chunkEnd > range.start && offset <= range.end) {
      slices.push({
        index,
        from: Math.max(0, range.start - offset),
        to: Math.min(size, range.end + 1 - offset),
      });
    }
    if (offset > range.end) break;
    offset = chunkEnd;
  }
  return slices;
}
