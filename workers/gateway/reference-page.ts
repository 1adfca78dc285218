/**
 * Renders an OpenAPI 3 document as one self-contained HTML reference page: a table of
 * contents grouped by tag, every operation under its anchor (`reference-operation.ts`),
 * the problem types (anchored as `#problem-<kind>`, where problem `type` URIs point) and
 * every component schema (`#schema-<Name>`, where `$ref`s link). Everything is rendered
 * on the server; the only script is the search box's filter, and without it the page is
 * complete (the box stays hidden).
 */
import { PROBLEM_TYPES } from "./problem";
import { operationId, renderOperation, searchText } from "./reference-operation";
import { escapeHtml, type OpenApiDocument, type Operation, schemaTable } from "./reference-schema";

export type { OpenApiDocument } from "./reference-schema";

const METHODS = ["get", "head", "put", "post", "patch", "delete", "options"] as const;

/** What each tag groups, as the table of contents titles it. */
const TAG_TITLES: Record<string, string> = {
  cluster: "Cluster",
  groups: "Consensus groups",
  kv: "Key-value store (groups)",
  dht: "DHT rings",
  scheduler: "Scheduler: jobs and placement",
};

interface Entry {
  method: string;
  path: string;
  op: Operation;
}

/** The whole reference page for `document`. */
export function renderReferencePage(document: OpenApiDocument): string {
  const byTag = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...byTag.keys()];
  const title = (tag: string) => TAG_TITLES[tag] ?? tag;
  const toc = tags.map(
    (tag) =>
      `<li><a href="#tag-${escapeHtml(tag)}">${escapeHtml(title(tag))}</a><ul>${(
        byTag.get(tag) ?? []
      )
        .map(
          ({ method, path, op }) =>
            `<li data-search="${escapeHtml(searchText(method, path, op))}"><a href="#${escapeHtml(operationId(method, path))}"><span class="method m-${method}">${method}</span> ${escapeHtml(path)}</a></li>`,
        )
        .join("")}</ul></li>`,
  );
  const sections = tags.map(
    (tag) =>
      `<section class="tag" id="tag-${escapeHtml(tag)}"><h2>${escapeHtml(title(tag))}</h2>\n${(
        byTag.get(tag) ?? []
      )
        .map(({ method, path, op }) => renderOperation(method, path, op, document))
        .join("\n")}</section>`,
  );
  const schemas = Object.entries(document.components?.schemas ?? {}).map(
    ([name, schema]) =>
      `<section class="schema" id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schemaTable(schema, document)}</section>`,
  );
  const problems = Object.entries(PROBLEM_TYPES).map(
    ([kind, { status, title: text }]) =>
      `<tr id="problem-${kind}"><td><code>/docs#problem-${kind}</code></td><td>${status}</td><td>${escapeHtml(text)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(document.info.title)} reference</title>
<style>${STYLE}</style></head><body>
<header><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> · <a href="/healthz">/healthz</a></p></header>
<nav id="contents" aria-label="contents"><h2>Contents</h2>
<input type="search" id="search" placeholder="Search operations" aria-label="search operations" hidden>
<ul>${toc.join("")}<li><a href="#problems">Problem types</a></li><li><a href="#schemas">Schemas</a></li></ul></nav>
<main>
${sections.join("\n")}
<section id="problems"><h2>Problem types</h2>
<p>Every error is <code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code>, <code>requestId</code> and, when one field is at fault, <code>field</code>.</p>
<div class="scroll"><table><thead><tr><th>type</th><th>status</th><th>title</th></tr></thead><tbody>${problems.join("")}</tbody></table></div></section>
<section id="schemas"><h2>Schemas</h2>
${schemas.join("\n")}</section>
</main>
<script>${SEARCH_SCRIPT}</script>
</body></html>`;
}

/** Shows the search box and hides operations (and their contents entries) that do not match. */
const SEARCH_SCRIPT = `(()=>{const box=document.getElementById("search");box.hidden=false;box.addEventListener("input",()=>{const words=box.value.toLowerCase().split(/\\s+/).filter(Boolean);for(const el of document.querySelectorAll("[data-search]"))el.hidden=!words.every(w=>el.dataset.search.includes(w));});})();`;

const STYLE = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;display:grid;grid-template-columns:minmax(0,1fr);gap:0 2rem;padding:1rem}
header,main,nav{min-width:0}
@media (min-width:1000px){body{grid-template-columns:18rem minmax(0,1fr);max-width:84rem;margin:0 auto}header{grid-column:1/3}nav{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding-bottom:1rem}}
nav ul{list-style:none;padding-left:0;margin:.25rem 0}nav ul ul{padding-left:.75rem;font-size:13px}nav a{text-decoration:none}
#search{width:100%;padding:.35rem .5rem;font:inherit;margin:.25rem 0}
section.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0;scroll-margin-top:.5rem}
section.op h3{margin:.25rem 0;overflow-wrap:anywhere}
.anchor{color:#999;text-decoration:none;margin-right:.4rem}
.method{font-weight:700;text-transform:uppercase;margin-right:.5rem;font-size:.85em}
.m-get{color:#1a6e2e}.m-post{color:#0b57a8}.m-put{color:#8a5a00}.m-delete{color:#a61b1b}.m-patch{color:#6b3fa0}.m-head,.m-options{color:#555}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:13px;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.25rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
@media (min-width:700px){table.fields td:first-child{white-space:nowrap}}
.example{display:grid;grid-template-columns:minmax(0,1fr);gap:.5rem}
@media (min-width:700px){.example{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.label{margin:0;font-size:12px;color:#666;text-transform:uppercase}
.responses{padding-left:1.2rem}.ref{margin:.25rem 0;font-size:13px}
[hidden]{display:none!important}
`;
