/** Slash-separated key paths, as the key browser walks them. */

/** The folders above `prefix`, each with the prefix that opens it: "a/b/" → [a/, a/b/]. */
export function breadcrumbs(prefix: string): { label: string; prefix: string }[] {
  const parts = prefix.split("/").slice(0, -1);
  return parts.map((label, i) => ({
    label: `${label}/`,
    prefix: `${parts.slice(0, i + 1).join("/")}/`,
  }));
}
