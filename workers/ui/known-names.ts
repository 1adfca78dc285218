/** Which groups and rings a page shows, when the API lists none of them. */

/** Most groups (and rings) one overview reads, bounding its calls to Durable Objects. */
export const MAX_SHOWN = 8;

/** Distinct, non-empty names in first-seen order, at most {@link MAX_SHOWN}. */
export function knownNames(names: string[]): string[] {
  return [...new Set(names.filter((name) => name.length > 0))].slice(0, MAX_SHOWN);
}
