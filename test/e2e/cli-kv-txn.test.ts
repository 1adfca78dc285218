/**
 * The txn examples of the README and docs/consensus.md, run as written against
 * `wrangler dev`: the README's body through `edgeos kv txn -` on stdin, the docs' body
 * through the HTTP API; their printed outcomes must be what the pages show (revisions
 * aside, which depend on what ran before).
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const consensusDoc = readFileSync(new URL("../../docs/consensus.md", import.meta.url), "utf8");

/** The first heredoc body after `opening` in `page`. */
function heredoc(page: string, opening: string): string {
  const start = page.indexOf(`${opening} <<'EOF'\n`);
  expect(start, `${opening} in the page`).toBeGreaterThanOrEqual(0);
  const body = page.slice(page.indexOf("\n", start) + 1);
  return body.slice(0, body.indexOf("\nEOF\n"));
}

/** The fenced blocks of `language` after `from` in `page`, in order. */
function fences(page: string, language: string, from: number): string[] {
  const pattern = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g");
  pattern.lastIndex = from;
  return [...page.matchAll(pattern)].filter((m) => (m.index ?? 0) >= from).map((m) => m[1] ?? "");
}

/** Revision numbers blanked, so outputs compare whatever ran before. */
const withoutRevisions = (text: string) => text.replace(/revision \d+/g, "revision N");

describe("the txn examples of the README and the docs", () => {
  it("README: edgeos kv txn - takes the lock from stdin, then reports who holds it", async () => {
    const body = heredoc(readme, "npx edgeos kv txn -");
    JSON.parse(body);
    const [first, second] = fences(readme, "text", readme.indexOf("npx edgeos kv txn -"));
    const taken = await edgeos(["kv", "txn", "-"], env, body);
    expect(taken.code, taken.stderr).toBe(0);
    expect(withoutRevisions(taken.stdout)).toBe(withoutRevisions(first ?? ""));
    const held = await edgeos(["kv", "txn", "-"], env, body);
    expect(held.code, held.stderr).toBe(1);
    expect(withoutRevisions(held.stdout)).toBe(withoutRevisions(second ?? ""));
    const json = await edgeos(["--json", "kv", "txn", "-"], env, body);
    expect(JSON.parse(json.stdout)).toMatchObject({
      succeeded: false,
      results: [{ kind: "get", item: { key: "locks/nightly", value: "worker-1" } }],
    });
  });

  it("docs/consensus.md: the compare-and-swap answers what the page shows", async () => {
    const opening = "--data-binary @-";
    const body = heredoc(consensusDoc, `  -H 'content-type: application/json' ${opening}`);
    const [shown] = fences(consensusDoc, "json", consensusDoc.indexOf(opening));
    await edgeos(["kv", "rm", "deploy/color"], env);
    expect((await edgeos(["kv", "put", "deploy/color", "blue"], env)).code).toBe(0);
    const response = await fetch(`${env.EDGEOS_URL}/v1/groups/default/txn`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${env.EDGEOS_TOKEN}` },
      body,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Record<string, unknown>;
    const revisions = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key, v) => (/[rR]evision$/.test(key) ? 0 : v));
    expect(revisions(answer)).toEqual(revisions(JSON.parse(shown ?? "")));
  });
});
