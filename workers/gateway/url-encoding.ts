/**
 * Refuses a request whose path or query has a malformed percent-escape (`%`, `%zz`) or
 * escapes that are not UTF-8 (`%FF`, `%ED%A0%80`). Hono falls back to the raw text when it
 * cannot decode, which would make `/kv/%zz` the literal key `%zz` and `?prefix=%FF` the
 * prefix `%FF`: a key or name the client did not mean. A 400 naming `path` or `query` is
 * the honest answer, before anything else runs.
 */
import type { MiddlewareHandler } from "hono";
import { ProblemError } from "./problem";

/** Middleware that admits only well-formed, UTF-8 percent-encoding in the URL. */
export function wellEncodedUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const target = pathStart < 0 ? "/" : url.slice(pathStart);
    const queryStart = target.indexOf("?");
    const path = queryStart < 0 ? target : target.slice(0, queryStart);
    const query = queryStart < 0 ? "" : target.slice(queryStart + 1);
    if (!decodes(path)) throw badlyEncoded("path");
    if (!query.split(/[&=]/).every(decodes)) throw badlyEncoded("query");
    await next();
  };
}

function decodes(text: string): boolean {
  if (!text.includes("%")) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function badlyEncoded(field: "path" | "query"): ProblemError {
  return new ProblemError(
    "bad-request",
    `the ${field} has a malformed percent-escape or escaped bytes that are not UTF-8`,
    { field },
  );
}
