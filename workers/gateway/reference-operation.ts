/**
 * One operation of the `/docs` page: its anchor (`#<method>-<path>`), parameters with
 * the descriptions and bounds their zod schemas carry, the request and response schemas
 * (resolved and linked), and an example request and response.
 */
import { exampleOf } from "./reference-example";
import {
  constraints,
  escapeHtml,
  type OpenApiDocument,
  type Operation,
  resolve,
  type Schema,
  schemaTable,
  typeLabel,
} from "./reference-schema";

/** The anchor id of an operation; the page's table of contents links to it. */
export function operationId(method: string, path: string): string {
  return `${method}-${path}`;
}

/** Lower-case words the search box matches an operation against. */
export function searchText(method: string, path: string, op: Operation): string {
  return [method, path, op.summary ?? "", ...(op.tags ?? [])].join(" ").toLowerCase();
}

/** The whole `<section>` of one operation. */
export function renderOperation(
  method: string,
  path: string,
  op: Operation,
  document: OpenApiDocument,
): string {
  const id = escapeHtml(operationId(method, path));
  const body = op.requestBody?.content?.["application/json"];
  const parts = [
    `<section class="op" id="${id}" data-search="${escapeHtml(searchText(method, path, op))}">`,
    `<h3><a class="anchor" href="#${id}" aria-label="link to this operation">#</a><span class="method m-${method}">${method}</span><code>${escapeHtml(path)}</code></h3>`,
    op.summary ? `<p>${escapeHtml(op.summary)}</p>` : "",
    op.description ? `<p>${escapeHtml(op.description)}</p>` : "",
    parameterTable(op, document),
    body?.schema ? `<h4>Request body</h4>${schemaTable(body.schema, document)}` : "",
    `<h4>Responses</h4>${responseList(op, document)}`,
    exampleBlock(method, path, op, document),
    "</section>",
  ];
  return parts.filter(Boolean).join("\n");
}

function parameterTable(op: Operation, document: OpenApiDocument): string {
  const params = op.parameters ?? [];
  if (params.length === 0) return "";
  const rows = params.map((p) => {
    const schema = p.schema ?? {};
    const text = p.description ?? resolve(schema, document).description ?? "";
    const bounds = constraints(schema);
    const example =
      schema.example === undefined ? "" : `e.g. <code>${escapeHtml(String(schema.example))}</code>`;
    const description = [escapeHtml(text), bounds, example].filter(Boolean).join("; ");
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${typeLabel(schema, document)}</td><td>${p.required ? "yes" : "no"}</td><td>${description}</td></tr>`;
  });
  return `<h4>Parameters</h4><div class="scroll"><table class="fields"><thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function responseList(op: Operation, document: OpenApiDocument): string {
  const items = Object.entries(op.responses ?? {}).map(([status, response]) => {
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    const head = `<strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? "")}`;
    if (!media?.schema) return `<li>${head}${type ? ` <code>${escapeHtml(type)}</code>` : ""}</li>`;
    if (type === "application/problem+json")
      return `<li>${head}: <code>${escapeHtml(type)}</code>, ${typeLabel(media.schema, document)}</li>`;
    return `<li>${head}: <code>${escapeHtml(type ?? "")}</code><details${status.startsWith("2") ? " open" : ""}><summary>schema</summary>${schemaTable(media.schema, document)}</details></li>`;
  });
  return `<ul class="responses">${items.join("")}</ul>`;
}

function exampleBlock(
  method: string,
  path: string,
  op: Operation,
  document: OpenApiDocument,
): string {
  const body = op.requestBody?.content?.["application/json"];
  const bodyExample = body && (body.example ?? (body.schema && exampleOf(body.schema, document)));
  const request = `${method.toUpperCase()} ${examplePath(path, op, document)}${
    bodyExample === undefined
      ? ""
      : `\ncontent-type: application/json\n\n${JSON.stringify(bodyExample, null, 2)}`
  }`;
  const [status, response] =
    Object.entries(op.responses ?? {}).find(([code]) => code.startsWith("2")) ?? [];
  let answer = "";
  if (status && response) {
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    const value = media && (media.example ?? (media.schema && exampleOf(media.schema, document)));
    const shown =
      type === "text/event-stream"
        ? "event: put\ndata: {…one change as JSON…}"
        : value === undefined
          ? ""
          : JSON.stringify(value, null, 2);
    answer = `${status} ${response.description ?? ""}${type ? `\ncontent-type: ${type}` : ""}${shown ? `\n\n${shown}` : ""}`;
  }
  return `<h4>Example</h4><div class="example"><div><p class="label">request</p><pre>${escapeHtml(request)}</pre></div>${
    answer ? `<div><p class="label">response</p><pre>${escapeHtml(answer)}</pre></div>` : ""
  }</div>`;
}

/** The path with example values for its parameters, and the required query ones. */
function examplePath(path: string, op: Operation, document: OpenApiDocument): string {
  let filled = path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const value = exampleOf(p.schema ?? ({ type: "string" } as Schema), document);
    const text = value === undefined || value === "string" ? p.name : String(value);
    if (p.in === "path") filled = filled.replace(`{${p.name}}`, encodeURIComponent(text));
    else if (p.in === "query" && p.required) query.set(p.name, text);
  }
  const search = query.toString();
  return search ? `${filled}?${search}` : filled;
}
