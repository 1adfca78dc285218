/**
 * Whole hostile requests for the operations of the OpenAPI document: mostly the
 * operation's own method, its path template filled with known names or hostile segments,
 * its query parameters with right and wrong values plus strays, wrong or duplicate
 * content types, odd content lengths and a hostile body.
 */
import fc from "fast-check";
import { bodyFor, contentLengths, contentTypes, hostileText } from "./hostile";
import type { ApiSurface, Operation } from "./operations";

/** One request as the fuzzer sends it; `path` is raw (already percent-encoded) with its query. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body?: string;
  /** Send the body as a stream of chunks (chunked, no Content-Length) instead of whole. */
  streamed?: boolean;
}

/** Methods workerd's fetch accepts (it refuses unknown method tokens itself). */
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/**
 * Values of path parameters that name things the test set up, by parameter name, so
 * that some requests get past routing and validation into the handlers.
 */
export type KnownNames = Record<string, string[]>;

/** Requests for `operations`; `known` gives the real names a path parameter may take. */
export function requestsFor(
  surface: ApiSurface,
  operations: readonly Operation[],
  known: KnownNames,
): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((operation) => requestFor(operation, surface, known));
}

function requestFor(
  operation: Operation,
  surface: ApiSurface,
  known: KnownNames,
): fc.Arbitrary<FuzzRequest> {
  const segments = operation.pathParams.map((name) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(known[name] ?? ["x"])) },
      { weight: 2, arbitrary: hostileText },
    ),
  );
  const knownQuery = operation.query.map(({ name, schema }) =>
    fc
      .option(
        fc.oneof(
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              ...((schema.enum as string[] | undefined) ?? ["true", "1", "10", "", "a/"]),
            ),
          },
          { weight: 1, arbitrary: hostileText },
        ),
        { freq: 3 },
      )
      .map((value) => (value === null ? [] : [[name, value] as [string, string]])),
  );
  const strayQuery = fc
    .option(fc.array(fc.tuple(hostileText, hostileText), { minLength: 1, maxLength: 2 }), {
      freq: 3,
    })
    .map((pairs) => pairs ?? []);
  return fc
    .record({
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constant(operation.method) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      values: fc.tuple(...segments),
      query: fc.tuple(...knownQuery),
      stray: strayQuery,
      contentType: contentTypes,
      contentLength: contentLengths,
      extra: fc.subarray([
        ["authorization", "Bearer not-the-token"] as [string, string],
        ["accept", "text/html"] as [string, string],
        ["transfer-encoding", "chunked"] as [string, string],
        ["x-forwarded-for", "%00"] as [string, string],
      ]),
      body: fc.option(bodyFor(operation.body, surface.schemas), { freq: 8 }),
      streamed: fc.boolean(),
    })
    .map((parts) => {
      let path = operation.template;
      operation.pathParams.forEach((name, i) => {
        path = path.replace(`{${name}}`, parts.values[i] as string);
      });
      const pairs = [...parts.query.flat(), ...parts.stray];
      const query = pairs.map(([name, value]) => `${name}=${value}`).join("&");
      const headers: [string, string][] = [
        ...parts.contentType.map((type) => ["content-type", type] as [string, string]),
        ...(parts.contentLength === null
          ? []
          : [["content-length", parts.contentLength] as [string, string]]),
        ...parts.extra,
      ];
      const bodyless = parts.method === "GET" || parts.method === "HEAD";
      return {
        method: parts.method,
        path: query ? `${path}?${query}` : path,
        headers,
        ...(!bodyless && parts.body !== null && { body: parts.body, streamed: parts.streamed }),
      };
    });
}

/** Whether the raw path or a raw query component has a malformed or non-UTF-8 percent escape. */
export function badlyEncoded(path: string): boolean {
  const [pathname = "", query = ""] = path.split(/\?(.*)/s);
  const pieces = [pathname, ...query.split(/[&=]/)];
  return pieces.some((piece) => {
    try {
      decodeURIComponent(piece);
      return false;
    } catch {
      return true;
    }
  });
}
