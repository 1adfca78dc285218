/**
 * The schema half of the `/docs` page: the OpenAPI shapes it reads, and a JSON schema
 * rendered as a table of fields with `$ref`s resolved (expanded in place, to a bounded
 * depth) and linked to their `#schema-<Name>` entry, never shown as `{"$ref": …}`.
 */

/** A JSON schema as `@hono/zod-openapi` writes it (OpenAPI 3.0 dialect). */
export interface Schema {
  $ref?: string;
  type?: string;
  description?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** One operation of the document. */
export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema?: Schema;
    description?: string;
  }[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema; example?: unknown }> }
  >;
}

/** The parts of an OpenAPI 3 document the page renders. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** How deep nested objects are expanded before only their type is shown. */
const MAX_DEPTH = 4;

/** The component name of a `#/components/schemas/<Name>` reference. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

/** `schema` with its `$ref` (if any) replaced by the referenced component. */
export function resolve(schema: Schema, document: OpenApiDocument): Schema {
  if (!schema.$ref) return schema;
  return document.components?.schemas?.[refName(schema.$ref)] ?? {};
}

/** A short type label, components linked: `array of TxnOp`, `"chord" | "kademlia"`. */
export function typeLabel(schema: Schema, document: OpenApiDocument): string {
  if (schema.$ref) {
    const name = escapeHtml(refName(schema.$ref));
    return `<a href="#schema-${name}">${name}</a>`;
  }
  let label: string;
  const union = schema.anyOf ?? schema.oneOf;
  if (schema.enum) label = schema.enum.map((v) => escapeHtml(JSON.stringify(v))).join(" | ");
  else if (union) label = union.map((branch) => typeLabel(branch, document)).join(" | ");
  else if (schema.allOf) label = schema.allOf.map((part) => typeLabel(part, document)).join(" & ");
  else if (schema.type === "array")
    label = `array of ${schema.items ? typeLabel(schema.items, document) : "any"}`;
  else if (schema.type === "object" && !schema.properties && schema.additionalProperties)
    label =
      typeof schema.additionalProperties === "object"
        ? `map of ${typeLabel(schema.additionalProperties, document)}`
        : "object";
  else label = escapeHtml(schema.type ?? "any JSON");
  return schema.nullable ? `${label} or null` : label;
}

/** Bounds and formats as words: `1–63 chars`, `≥ 1`, `pattern ^[a-z]+$`, `default 3`. */
export function constraints(schema: Schema): string {
  const parts: string[] = [];
  const range = (low?: number, high?: number, unit = "") =>
    low !== undefined && high !== undefined
      ? `${low}–${high}${unit}`
      : low !== undefined
        ? `≥ ${low}${unit}`
        : high !== undefined
          ? `≤ ${high}${unit}`
          : "";
  const numeric = range(schema.minimum, schema.maximum);
  if (numeric) parts.push(schema.exclusiveMinimum ? numeric.replace("≥", ">") : numeric);
  const length = range(schema.minLength, schema.maxLength, " chars");
  if (length) parts.push(length);
  const items = range(schema.minItems, schema.maxItems, " items");
  if (items) parts.push(items);
  if (schema.pattern) parts.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  if (schema.format) parts.push(escapeHtml(schema.format));
  if (schema.default !== undefined)
    parts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  return parts.join(", ");
}

/** The schema as a field table; a non-object schema is one row describing it. */
export function schemaTable(schema: Schema, document: OpenApiDocument): string {
  const top = resolve(schema, document);
  const link = schema.$ref ? `<p class="ref">Schema ${typeLabel(schema, document)}</p>` : "";
  const rows = fieldRows(top, document, "", 0);
  const body = rows.length
    ? rows.join("")
    : `<tr><td>(whole body)</td><td>${typeLabel(top, document)}</td><td></td><td>${describe(top)}</td></tr>`;
  return `${link}<div class="scroll"><table class="fields"><thead><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

function fieldRows(
  schema: Schema,
  document: OpenApiDocument,
  prefix: string,
  depth: number,
): string[] {
  if (depth >= MAX_DEPTH) return [];
  const union = schema.anyOf ?? schema.oneOf;
  if (union && !schema.properties) {
    // One of several shapes (a txn op is put, get or delete): list each shape's fields.
    return union.flatMap((branch, i) =>
      expand(branch, document, prefix ? `${prefix} (form ${i + 1})` : `(form ${i + 1})`, depth),
    );
  }
  const rows: string[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = schema.required?.includes(name) ? "yes" : "no";
    rows.push(
      `<tr><td><code>${escapeHtml(path)}</code></td><td>${typeLabel(child, document)}</td><td>${required}</td><td>${describe(resolve(child, document))}</td></tr>`,
    );
    const inner = child.type === "array" && child.items ? child.items : child;
    rows.push(...expand(inner, document, child === inner ? path : `${path}[]`, depth + 1));
  }
  return rows;
}

/** Rows of a nested schema, following a `$ref` once per branch of the tree. */
function expand(
  schema: Schema,
  document: OpenApiDocument,
  prefix: string,
  depth: number,
): string[] {
  // A nested component is linked, not expanded: its own entry under Schemas lists it.
  if (schema.$ref) return [];
  if (schema.properties || schema.anyOf || schema.oneOf)
    return fieldRows(schema, document, prefix, depth);
  return [];
}

function describe(schema: Schema): string {
  const text = schema.description ? escapeHtml(schema.description) : "";
  const bounds = constraints(schema);
  return [text, bounds].filter(Boolean).join("; ");
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
