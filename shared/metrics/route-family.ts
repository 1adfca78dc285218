/**
 * Requests grouped by what they do, for latency and error counts: a small fixed set of
 * families, so a window's size never depends on keys, paths or names in URLs.
 */

/** Every family a request can fall in. */
export const ROUTE_FAMILIES = [
  "groups",
  "kv",
  "txn",
  "watch",
  "leases",
  "rings",
  "dht keys",
  "volumes",
  "files",
  "dirs",
  "uploads",
  "jobs",
  "placement",
  "faults",
  "metrics",
  "s3",
  "dashboard",
  "docs",
  "health",
  "other",
] as const;

/** One of {@link ROUTE_FAMILIES}. */
export type RouteFamily = (typeof ROUTE_FAMILIES)[number];

/** Families by the segment after a group's, ring's or volume's name. */
const GROUP_PARTS: Record<string, RouteFamily> = {
  kv: "kv",
  txn: "txn",
  watch: "watch",
  leases: "leases",
};
const VOLUME_PARTS: Record<string, RouteFamily> = {
  files: "files",
  dirs: "dirs",
  rename: "dirs",
  uploads: "uploads",
};

/** The family of a request for `path` (the URL's path, without its query). */
export function routeFamily(path: string): RouteFamily {
  const [, top = "", kind = "", , part = ""] = path.split("/");
  if (top === "ui") return "dashboard";
  if (top === "docs" || top === "openapi.json") return "docs";
  if (top === "healthz") return "health";
  if (top === "s3") return "s3";
  if (top !== "v1") return "other";
  switch (kind) {
    case "groups":
      return GROUP_PARTS[part] ?? "groups";
    case "rings":
      return part === "keys" ? "dht keys" : "rings";
    case "volumes":
      return VOLUME_PARTS[part] ?? "volumes";
    case "jobs":
    case "placement":
    case "metrics":
      return kind;
    case "_faults":
      return "faults";
    default:
      return "other";
  }
}
