/** Numbers with their units, as the dashboard shows them. */

/** `n` with its unit, singular for exactly 1: `count(3, "key")` → "3 keys". */
export function count(n: number, unit: string, pluralUnit = `${unit}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? unit : pluralUnit}`;
}
