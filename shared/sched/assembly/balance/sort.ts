/**
 * The balancer's sorts, written out so that no result depends on a library's algorithm:
 * a bottom-up merge sort of indices under a total order (key, then index), O(n log n)
 * with an n-entry scratch array, and a sort of plain values built on it.
 */

/**
 * Sorts `values` ascending in place (numbers only: no NaN): their indices are sorted by
 * decreasing value and read back in reverse. Equal values are interchangeable, so the
 * result does not depend on how ties fall.
 */
export function sortAscending(values: Float64Array): void {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  sortByKeyDescending(order, values);
  const sorted = new Float64Array(n);
  for (let r = 0; r < n; r++) sorted[r] = values[order[n - 1 - r]];
  values.set(sorted);
}

/**
 * Sorts the indices `items` in place by decreasing key[item], equal keys by increasing
 * index: a total order, so the result is unique.
 */
export function sortByKeyDescending(items: Int32Array, key: Float64Array): void {
  const n = items.length;
  let from = items;
  let to = new Int32Array(n);
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n);
      const hi = min(lo + (width << 1), n);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) {
        if (a < mid && (b >= hi || !comesBefore(from[b], from[a], key))) to[k] = from[a++];
        else to[k] = from[b++];
      }
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== items) for (let k = 0; k < n; k++) items[k] = from[k];
}

/** Whether index x precedes index y: larger key first, then smaller index. */
function comesBefore(x: i32, y: i32, key: Float64Array): bool {
  const kx = key[x];
  const ky = key[y];
  return kx > ky || (kx === ky && x < y);
}
