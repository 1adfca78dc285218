/**
 * Hostile pieces of requests as fast-check arbitraries: path segments, query values,
 * header values and JSON bodies (malformed, deeply nested, huge numbers, NUL bytes,
 * `__proto__` and `constructor` keys, wrong types in every field of a route's schema).
 */
import fc from "fast-check";
import { resolve, type SchemaNode } from "./operations";

/** Percent-encodes every UTF-8 byte of `text` that is not unreserved; lone surrogates as raw bytes. */
export function encodeBytes(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (/^[A-Za-z0-9\-._~]$/.test(char)) out += char;
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate has no UTF-8 form: send the bytes CESU-8 would, which are invalid.
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else {
      for (const byte of new TextEncoder().encode(char)) {
        out += `%${byte.toString(16).padStart(2, "0").toUpperCase()}`;
      }
    }
  }
  return out;
}

/** Raw (already encoded) path or query text that is hostile on its own. */
const RAW_PIECES = [
  "%00",
  "..",
  ".",
  "%2e%2e",
  "%2F",
  "%",
  "%zz",
  "%C0%AF",
  "%ED%A0%80",
  "%FF",
  "__proto__",
  "constructor",
  "prototype",
  "-1",
  "0",
  "1e309",
  "NaN",
  "null",
  "true",
  "%20",
  "+",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "default",
];

/** One path segment or query value: random unicode, a hostile fragment, an overlong run, or a join. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 12 }).map(encodeBytes) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_PIECES) },
  fc
    .tuple(fc.constantFrom("a", "%41", "é", "/", "x%00"), fc.integer({ min: 256, max: 1500 }))
    .map(([unit, count]) => (unit === "é" ? encodeBytes("é") : unit).repeat(count)),
  fc
    .array(fc.constantFrom(...RAW_PIECES, "a", "/"), { minLength: 2, maxLength: 5 })
    .map((parts) => parts.join("")),
);

/** Media types, right and wrong, as sent in Content-Type. */
export const contentTypes: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.constant(["application/json"]),
  fc.constantFrom(
    ["application/json; charset=utf-8"],
    ["APPLICATION/JSON"],
    ["application/merge-patch+json"],
    ["application/problem+json"],
    ["text/plain"],
    ["application/x-www-form-urlencoded"],
    ["multipart/form-data; boundary=x"],
    ["application/json;;;"],
    [""],
    ["application/json", "text/plain"],
    ["application/json", "application/json"],
    ["text/plain", "application/json"],
    [],
  ),
);

/** Content-Length values a client may send (the runtime may replace them). */
export const contentLengths: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  null,
  "-1",
  "0",
  "99999999999999999999",
  "1e3",
  "abc",
  "2",
);

const DEEP = 20_000;

/** Bodies that are not JSON, or are JSON of a hostile shape. */
const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    '{"value":',
    "[1,2",
    "nul",
    "\u0000",
    '{"value":"a\u0000b"}',
    '\uFEFF{"value":"x"}',
    `{"value": ${"9".repeat(400)}}`,
    '{"value": 1e99999}',
    '{"value": -0}',
    `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`,
    `${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`,
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
    '{"value": "a", "value": 1}',
    "null",
    "true",
    "12",
    '"just a string"',
    "[]",
    "{}",
  ),
  fc.string({ unit: "binary", maxLength: 64 }),
);

/** A value of a wrong or hostile kind, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    Number.MAX_SAFE_INTEGER,
    "",
    "\u0000",
    "x".repeat(2000),
    [],
    {},
    [[[[[]]]]],
    { __proto__: null, constructor: 1 },
  ),
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.integer(),
  fc.double(),
);

/**
 * A JSON body for `schema`: mostly the schema's shape with hostile values in it (each
 * field valid-looking or wrong), sometimes `__proto__`/`constructor` keys, sometimes raw
 * text that is not JSON at all.
 */
export function bodyFor(
  schema: SchemaNode | null,
  schemas: Record<string, SchemaNode>,
): fc.Arbitrary<string> {
  const shaped = schema ? valueFor(schema, schemas, 0) : hostileValue;
  return fc.oneof(
    { weight: 3, arbitrary: shaped.map((value) => JSON.stringify(value) ?? "null") },
    {
      weight: 1,
      arbitrary: shaped.map((value) =>
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? JSON.stringify(value).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":1,')
          : JSON.stringify(value),
      ),
    },
    { weight: 2, arbitrary: rawBodies },
  );
}

function valueFor(
  node: SchemaNode,
  schemas: Record<string, SchemaNode>,
  depth: number,
): fc.Arbitrary<unknown> {
  const schema = resolve(node, schemas);
  if (depth > 4) return hostileValue;
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants?.length) {
    return fc.oneof(...variants.map((variant) => valueFor(variant, schemas, depth + 1)));
  }
  let valid: fc.Arbitrary<unknown>;
  if (schema.enum?.length) valid = fc.constantFrom(...schema.enum);
  else if (schema.type === "object" || schema.properties) {
    const properties = schema.properties ?? {};
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, property] of Object.entries(properties)) {
      fields[name] = valueFor(property, schemas, depth + 1);
    }
    valid = fc.record(fields, { requiredKeys: [] });
  } else if (schema.type === "array") {
    valid = fc.array(valueFor(schema.items ?? {}, schemas, depth + 1), { maxLength: 3 });
  } else if (schema.type === "string") valid = fc.string({ maxLength: 8 });
  else if (schema.type === "integer" || schema.type === "number")
    valid = fc.integer({ min: -2, max: 100 });
  else if (schema.type === "boolean") valid = fc.boolean();
  else valid = hostileValue;
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}
