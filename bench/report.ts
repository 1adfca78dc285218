/**
 * Shared output conventions for benchmarks: one JSON object per result line on stdout,
 * and one marked section per benchmark in docs/benchmarks.md so that benchmarks written
 * by different hands never overwrite each other's tables.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BENCHMARKS_DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const DOC_HEADER =
  "# Benchmarks\n\nEach section is written by `npm run bench -- <name>`; numbers are from the last run on the machine named in it.\n";

/** Prints one result as a single JSON line on stdout. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Replaces (or appends) the section of docs/benchmarks.md that belongs to `name`. */
export function writeBenchSection(name: string, markdown: string): void {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const doc = existsSync(BENCHMARKS_DOC) ? readFileSync(BENCHMARKS_DOC, "utf8") : DOC_HEADER;
  const section = `${begin}\n${markdown.trim()}\n${end}`;
  const start = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? doc.slice(0, start) + section + doc.slice(stop + end.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS_DOC, next);
}

/** `value` rounded to `digits` decimal places, for printing. */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Renders rows as a markdown table with the given columns. */
export function markdownTable(columns: string[], rows: (string | number)[][]): string {
  const head = `| ${columns.join(" | ")} |`;
  const rule = `| ${columns.map(() => "---").join(" | ")} |`;
  const body = rows.map((row) => `| ${row.join(" | ")} |`);
  return [head, rule, ...body].join("\n");
}
