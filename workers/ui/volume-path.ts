/** Paths inside a volume as the file browser walks them, and the API URLs that serve them. */

/** The directories from the root's child down to `path`: "/a/b" → [a at /a, b at /a/b]. */
export function dirCrumbs(path: string): { label: string; path: string }[] {
  const segments = path.split("/").filter((s) => s.length > 0);
  return segments.map((label, i) => ({ label, path: `/${segments.slice(0, i + 1).join("/")}` }));
}

/** The path of `name` inside directory `dir`: ("/", "x") → "/x", ("/a", "x") → "/a/x". */
export function childPath(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * The API path of `path` in `volume` under its `files` or `dirs` routes, each segment
 * percent-encoded: ("v", "files", "/a b/c") → "/v1/volumes/v/files/a%20b/c". The root
 * maps to the route's base (`/v1/volumes/v/dirs`).
 */
export function volumeApiPath(volume: string, kind: "files" | "dirs", path: string): string {
  const segments = path
    .split("/")
    .filter((s) => s.length > 0)
    .map(encodeURIComponent);
  const base = `/v1/volumes/${encodeURIComponent(volume)}/${kind}`;
  return segments.length === 0 ? base : `${base}/${segments.join("/")}`;
}
