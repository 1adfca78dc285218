/**
 * Guards for routes that take a JSON body, run before the route's schema validation:
 * the media type must be JSON (415), the body must fit `MAX_BODY_BYTES` whether or not a
 * Content-Length is sent (413), and it must parse (400). The parsed body is handed to
 * Hono's body cache so the validator does not read the stream twice.
 */
import type { MiddlewareHandler } from "hono";
import { MAX_BODY_BYTES } from "./limits";
import { ProblemError } from "./problem";

/** One decoder for every request: decoding without `stream` keeps no state between calls. */
const utf8 = new TextDecoder();

/** True for `application/json` and `application/*+json`, with or without parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

/** Middleware that admits only a well-formed JSON body of at most `maxBytes`. */
export function jsonBody(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    const contentType = c.req.header("content-type");
    if (!isJsonMediaType(contentType)) {
      throw new ProblemError(
        "unsupported-media-type",
        `expected a JSON body (content-type: application/json), got ${contentType ? `"${contentType}"` : "none"}`,
        { headers: { "accept-post": "application/json" } },
      );
    }
    const declared = Number(c.req.header("content-length") ?? Number.NaN);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    // A declared length within the limit bounds what HTTP framing delivers, so the body
    // is read whole in one native call; without one it is streamed and counted.
    const bytes =
      declared <= maxBytes
        ? new Uint8Array(await c.req.raw.arrayBuffer())
        : await readCapped(c.req.raw.body, maxBytes);
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(utf8.decode(bytes));
    } catch (error) {
      throw new ProblemError(
        "malformed-json",
        `request body is not valid JSON: ${describe(error)}`,
        {
          field: "body",
        },
      );
    }
    // Hono keeps pending body reads in this cache (typed as resolved values); seeding it
    // with the parsed body lets the schema validator use it without reading the stream.
    (c.req.bodyCache as { json?: Promise<unknown> }).json = Promise.resolve(parsed);
    await next();
  };
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): ProblemError {
  return new ProblemError("payload-too-large", `request body exceeds ${maxBytes} bytes`, {
    field: "body",
    extensions: { limit: maxBytes },
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
