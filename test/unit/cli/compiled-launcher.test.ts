/**
 * The `edgeos` executable runs the CLI compiled ahead (`build/cli/edgeos.cjs`): no
 * TypeScript transpiler and no bundler are loaded on a normal start, and a source edited
 * after the last build is compiled before it runs, so an edit is never served stale.
 */
import { execFile } from "node:child_process";
import { readFileSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { version } from "../../../package.json";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const bundle = `${root}build/cli/edgeos.cjs`;
const run = promisify(execFile);

/** The build record on the bundle's first line. */
function buildRecord(): { startedAt: number; inputs: string[] } {
  const header = readFileSync(bundle, "utf8").split("\n", 1)[0] ?? "";
  return JSON.parse(header.replace(/^\/\/ edgeos-cli-build /, ""));
}

/**
 * Runs `cli/bin.cjs args` in a Node that prints, on exit, every CommonJS module it
 * loaded (`require.cache`).
 */
async function edgeosWithModules(args: string[]) {
  const probe = [
    "process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(Object.keys(require.cache))));",
    `process.argv = [process.argv[0], ${JSON.stringify(`${root}cli/bin.cjs`)}, ...${JSON.stringify(args)}];`,
    `require(${JSON.stringify(`${root}cli/bin.cjs`)});`,
  ].join("\n");
  const { stdout, stderr } = await run("node", ["-e", probe], { cwd: root });
  const modules = JSON.parse(stderr.slice(stderr.lastIndexOf("MODULES ") + 8)) as string[];
  return { stdout, modules };
}

describe("the compiled edgeos executable", () => {
  it("starts from the bundle alone, without rebuilding it or loading any TypeScript", async () => {
    await run("node", [`${root}cli/bin.cjs`, "--version"]); // builds if a source changed
    const built = buildRecord().startedAt;
    const { stdout, modules } = await edgeosWithModules(["--version"]);
    expect(stdout).toBe(`edgeos ${version}\n`);
    expect(buildRecord().startedAt).toBe(built);
    expect(modules).toEqual([`${root}cli/bin.cjs`, bundle]);
  });

  it("records what it was built from, and rebuilds once a source is newer than the build", async () => {
    await run("node", [`${root}cli/bin.cjs`, "--version"]);
    const before = buildRecord();
    expect(before.inputs).toEqual(
      expect.arrayContaining([
        "cli/main.ts",
        "cli/entry.ts",
        "package.json",
        "scripts/build-cli.mjs",
      ]),
    );
    const now = new Date(Date.now() + 1000);
    utimesSync(`${root}cli/entry.ts`, now, now);
    const { stdout } = await run("node", [`${root}cli/bin.cjs`, "--version"]);
    expect(stdout).toBe(`edgeos ${version}\n`);
    const after = buildRecord();
    expect(after.startedAt).toBeGreaterThan(before.startedAt);
    // The edit is in the future of the build that just ran, so the next start rebuilds
    // again; set it back to the past so later runs are fresh.
    const past = new Date(after.startedAt - 1000);
    utimesSync(`${root}cli/entry.ts`, past, past);
  });
});
