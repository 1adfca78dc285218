/**
 * Latencies as a sparse log-scale histogram: bucket `i` counts durations in
 * [BASE^i, BASE^(i+1)) ms. Histograms of different isolates and minutes merge by adding
 * counts, so quantiles of a whole window come from small batches. A quantile is answered as
 * its bucket's geometric middle, within ±{@link QUANTILE_ERROR} of the true value.
 */

/** Each bucket is this many times as wide as the one before: four buckets per doubling. */
export const BUCKET_BASE = 2 ** (1 / 4);

/** Worst relative error of a quantile (half a bucket, geometrically): about 9%. */
export const QUANTILE_ERROR = BUCKET_BASE ** 0.5 - 1;

/** The first and last buckets: durations under 0.01 ms and over 100 s are clamped to them. */
export const MIN_BUCKET = Math.floor(Math.log(0.01) / Math.log(BUCKET_BASE));
export const MAX_BUCKET = Math.ceil(Math.log(100_000) / Math.log(BUCKET_BASE));

/** Counts by bucket index. */
export type Histogram = Record<number, number>;

/** The bucket that counts a duration of `ms`. */
export function bucketOf(ms: number): number {
  if (!(ms > 0)) return MIN_BUCKET;
  const i = Math.floor(Math.log(ms) / Math.log(BUCKET_BASE));
  return Math.min(MAX_BUCKET, Math.max(MIN_BUCKET, i));
}

/** Adds `n` durations of `ms` to `into`. */
export function addDuration(into: Histogram, ms: number, n = 1): void {
  const i = bucketOf(ms);
  into[i] = (into[i] ?? 0) + n;
}

/** Adds every count of `from` to `into`, skipping buckets out of range and bad counts. */
export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const [key, n] of Object.entries(from)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < MIN_BUCKET || i > MAX_BUCKET) continue;
    if (!Number.isInteger(n) || n <= 0) continue;
    into[i] = (into[i] ?? 0) + n;
  }
}

/** The `q`-quantile (0 < q ≤ 1) of `h` in ms, or null when it counts nothing. */
export function quantile(h: Histogram, q: number): number | null {
  const buckets = Object.entries(h)
    .map(([i, n]) => [Number(i), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [i, n] of buckets) {
    seen += n;
    if (seen >= rank) return BUCKET_BASE ** (i + 0.5);
  }
  return null;
}
