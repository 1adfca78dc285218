/**
 * Example values for the `/docs` page. A schema's own `example` (set with
 * `.openapi({ example })` on the zod schema) wins; otherwise one is built from the schema:
 * properties with their examples, the first enum value or union branch, the lower bound
 * of a number, so every operation shows a request and a response a user can start from.
 */
import { type OpenApiDocument, resolve, type Schema } from "./reference-schema";

/** How deep an example is built before a nested value is left out. */
const MAX_DEPTH = 6;

/** An example value of `schema`, or undefined when nothing sensible can be made. */
export function exampleOf(schema: Schema, document: OpenApiDocument, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.$ref) return exampleOf(resolve(schema, document), document, depth + 1);
  if (
    schema.default !== undefined &&
    !(Array.isArray(schema.default) && schema.default.length === 0)
  )
    return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return exampleOf(union[0] as Schema, document, depth + 1);
  if (schema.allOf?.length)
    return Object.assign(
      {},
      ...schema.allOf.map((part) => exampleOf(part, document, depth + 1) ?? {}),
    );
  switch (schema.type) {
    case "object":
      return objectExample(schema, document, depth);
    case "array": {
      const item = schema.items ? exampleOf(schema.items, document, depth + 1) : undefined;
      return item === undefined ? [] : [item];
    }
    case "string":
      return schema.format === "date-time" ? "2026-01-01T00:00:00.000Z" : "string";
    case "integer":
    case "number":
      return schema.minimum === undefined
        ? 0
        : schema.exclusiveMinimum
          ? schema.minimum + 1
          : schema.minimum;
    case "boolean":
      return true;
    default:
      return schema.nullable ? null : undefined;
  }
}

function objectExample(schema: Schema, document: OpenApiDocument, depth: number): unknown {
  const result: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    // Optional fields appear only when they carry an example of their own: an example
    // body should be minimal, yet show what the schema's author chose to illustrate.
    const own = resolve(child, document).example !== undefined || child.example !== undefined;
    if (!schema.required?.includes(name) && !own) continue;
    const value = exampleOf(child, document, depth + 1);
    if (value !== undefined) result[name] = value;
  }
  if (!schema.properties && typeof schema.additionalProperties === "object") {
    const value = exampleOf(schema.additionalProperties, document, depth + 1);
    if (value !== undefined) result.name = value;
  }
  return result;
}
