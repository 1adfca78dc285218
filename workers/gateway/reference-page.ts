/**
 * Renders an OpenAPI 3 document as one self-contained HTML reference page: every
 * operation with its parameters, request body and responses, then the problem types
 * (anchored as `#problem-<kind>`, which is where problem `type` URIs point).
 */
import { PROBLEM_TYPES } from "./problem";

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema?: unknown;
    description?: string;
  }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: unknown }> }
  >;
}

/** The parts of an OpenAPI 3 document the page renders. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

/** The whole reference page for `document`. */
export function renderReferencePage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) =>
      renderOperation(method, path, item[method] as Operation),
    ),
  );
  const schemas = Object.entries(document.components?.schemas ?? {}).map(
    ([name, schema]) =>
      `<h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3>${code(schema)}`,
  );
  const problems = Object.entries(PROBLEM_TYPES).map(
    ([kind, { status, title }]) =>
      `<tr id="problem-${kind}"><td><code>/docs#problem-${kind}</code></td><td>${status}</td><td>${escapeHtml(title)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(document.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
section.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.method{font-weight:700;text-transform:uppercase;margin-right:.5rem}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:13px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
</style></head><body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
<h2 id="operations">Operations</h2>
${operations.join("\n")}
<h2 id="problems">Problem types</h2>
<p>Every error is <code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code>, <code>requestId</code> and, when one field is at fault, <code>field</code>.</p>
<table><thead><tr><th>type</th><th>status</th><th>title</th></tr></thead><tbody>${problems.join("")}</tbody></table>
<h2 id="schemas">Schemas</h2>
${schemas.join("\n")}
</body></html>`;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
  );
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {}).map(
    ([status, response]) =>
      `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? "")}</li>`,
  );
  return `<section class="op" id="${escapeHtml(`${method}-${path}`)}">
<h3><span class="method">${method}</span><code>${escapeHtml(path)}</code></h3>
${op.summary ? `<p>${escapeHtml(op.summary)}</p>` : ""}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ""}
${params.length ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr></thead><tbody>${params.join("")}</tbody></table>` : ""}
${body ? `<h4>Request body</h4>${code(body)}` : ""}
<h4>Responses</h4><ul>${responses.join("")}</ul>
</section>`;
}

function code(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
