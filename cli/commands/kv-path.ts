/** How the CLI writes a KV key into a request path: readable where it can, exact always. */
import { CliError, USAGE_EXIT_CODE } from "../cli-error";

/**
 * `/v1/groups/{group}/kv/{key}` with the key's slashes left as slashes, so
 * `config/app/db` travels as written. A key that starts with a slash, has an empty
 * segment before its end, or has a `.` or `..` segment (which URLs would resolve) is
 * percent-encoded whole instead. The keys `.` and `..` have no path at all (URLs resolve
 * them, encoded or not): a usage error says to reach them through a txn.
 */
export function kvKeyPath(group: string, key: string): string {
  if (key === "." || key === "..") {
    throw new CliError(
      `the key "${key}" cannot travel in a URL path; read or write it with kv txn`,
      USAGE_EXIT_CODE,
    );
  }
  const segments = key.split("/");
  const odd = segments.some(
    (segment, i) =>
      segment === "." || segment === ".." || (segment === "" && i < segments.length - 1),
  );
  const encoded = odd ? encodeURIComponent(key) : segments.map(encodeURIComponent).join("/");
  return `${kvPath(group)}/${encoded}`;
}

/** `/v1/groups/{group}/kv`, where listings and range deletes go. */
export function kvPath(group: string): string {
  return `/v1/groups/${encodeURIComponent(group)}/kv`;
}
