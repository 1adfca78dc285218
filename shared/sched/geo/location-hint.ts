/**
 * Durable Object location hints and the rule that maps a colo to the hint that serves it.
 *
 * Cloudflare names nine coarse areas where a Durable Object can be asked to live. The
 * colo list names eight regions of its own ("North America", "Asia Pacific", ...). The rule:
 *
 * - North America: west of 100°W is `wnam`, otherwise `enam` (the 100th meridian, the
 *   customary divide between the western and eastern United States).
 * - Europe: west of 15°E is `weur`, otherwise `eeur` (15°E is the meridian of Central
 *   European Time and runs between Berlin/Prague and Vienna/Warsaw).
 * - South America (which in the colo list also holds Central America and the southern
 *   Caribbean) is `sam`; Africa is `afr`; Middle East is `me`; Oceania is `oc`.
 * - Asia Pacific and Asia (the list's mainland-China entries) are `apac`.
 */

/** The Durable Object location hints, in a fixed order. */
export const LOCATION_HINTS = [
  "wnam",
  "enam",
  "sam",
  "weur",
  "eeur",
  "apac",
  "oc",
  "afr",
  "me",
] as const;

/** One Durable Object location hint. */
export type LocationHint = (typeof LOCATION_HINTS)[number];

/** Longitude (degrees) separating `wnam` (west of it) from `enam`. */
export const NORTH_AMERICA_SPLIT_LON = -100;

/** Longitude (degrees) separating `weur` (west of it) from `eeur`. */
export const EUROPE_SPLIT_LON = 15;

/**
 * The location hint for a colo in the colo list's `region`, at longitude `lon`.
 * Throws on a region the rule does not know, so a new region in the data is noticed
 * when the catalog is regenerated rather than silently mapped.
 */
export function hintForRegion(region: string, lon: number): LocationHint {
  switch (region) {
    case "North America":
      return lon < NORTH_AMERICA_SPLIT_LON ? "wnam" : "enam";
    case "Europe":
      return lon < EUROPE_SPLIT_LON ? "weur" : "eeur";
    case "South America":
      return "sam";
    case "Africa":
      return "afr";
    case "Middle East":
      return "me";
    case "Oceania":
      return "oc";
    case "Asia":
    case "Asia Pacific":
      return "apac";
    default:
      throw new Error(`no location hint rule for region "${region}"`);
  }
}
