/** The operations the fuzzer aims at: every path and method of the served OpenAPI document. */
import { SELF } from "cloudflare:test";
import { GATEWAY } from "../gateway-call";

/** A JSON Schema node as the generated document writes it (the parts the fuzzer reads). */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

/** One operation: its method, path template, parameters and JSON body schema (refs resolved lazily). */
export interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  query: { name: string; schema: SchemaNode }[];
  body: SchemaNode | null;
}

/** The document's operations and its component schemas, for resolving `$ref`s. */
export interface ApiSurface {
  operations: Operation[];
  schemas: Record<string, SchemaNode>;
}

interface RawOperation {
  parameters?: { name: string; in: string; schema?: SchemaNode }[];
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> };
}

/** Fetches `/openapi.json` through SELF and lists every operation in it. */
export async function loadSurface(): Promise<ApiSurface> {
  const response = await SELF.fetch(`${GATEWAY}/openapi.json`);
  const document = (await response.json()) as {
    paths: Record<string, Record<string, RawOperation>>;
    components?: { schemas?: Record<string, SchemaNode> };
  };
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = raw.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: raw.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return { operations, schemas: document.components?.schemas ?? {} };
}

/** The schema a `$ref` names, or the node itself. */
export function resolve(node: SchemaNode, schemas: Record<string, SchemaNode>): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    current = schemas[current.$ref.replace("#/components/schemas/", "")] ?? {};
  }
  return current;
}
