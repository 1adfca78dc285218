/**
 * Where a DHT node sits on the drawn ring: its id as a fraction of the id space (the
 * first 12 hex digits suffice for a drawing), and that fraction as a point on a circle,
 * 0 at the top and growing clockwise as ids do.
 */

/** Hex digits of an id that decide its drawn position (48 bits; finer is invisible). */
const DIGITS = 12;

/** An id of any fixed hex length as a fraction of its id space, in [0, 1). */
export function ringFraction(hexId: string): number {
  const head = hexId.slice(0, DIGITS).padEnd(DIGITS, "0");
  return Number.parseInt(head, 16) / 16 ** DIGITS;
}

/** The point at `fraction` of the way round a circle of radius `r` centred at (`cx`, `cy`). */
export function pointOnCircle(
  fraction: number,
  r: number,
  cx: number,
  cy: number,
): { x: number; y: number } {
  const angle = 2 * Math.PI * fraction;
  return { x: cx + r * Math.sin(angle), y: cy - r * Math.cos(angle) };
}

/** How uneven the load is: the largest count over the mean (1 is even; 0 with no keys). */
export function loadImbalance(counts: readonly number[]): number {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  return Math.max(...counts) / (total / counts.length);
}
