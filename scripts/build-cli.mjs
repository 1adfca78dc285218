/**
 * Compiles the CLI ahead of time into one plain CommonJS file, `build/cli/edgeos.cjs`,
 * so that `edgeos` starts without transpiling TypeScript (Node 20 cannot run `.ts`) and
 * without the ES module loader. `npm ci`'s prepare step runs it (`npm run build:cli`);
 * `cli/bin.cjs` runs it again whenever a source of the bundle changed since, so an edit
 * is never served stale.
 *
 * The bundle's first line records when the build started and every file it was made
 * from (the sources esbuild read, package.json, this script): `cli/bin.cjs` reads it.
 * One file carries both, so a reader never pairs a bundle with another build's list; it
 * is written to a temporary name and renamed, so concurrent builds and runs never see
 * half a file.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The compiled CLI. */
export const CLI_BUNDLE = `${root}build/cli/edgeos.cjs`;
const HEADER = "// edgeos-cli-build ";
const SELF = "scripts/build-cli.mjs";

/** Builds the bundle; resolves once it is in place. */
export async function buildCli() {
  const startedAt = Date.now();
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["cli/entry.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
    outfile: CLI_BUNDLE,
  });
  const inputs = [...Object.keys(result.metafile.inputs), SELF].sort();
  const code = result.outputFiles[0]?.text ?? "";
  mkdirSync(`${root}build/cli`, { recursive: true });
  const temporary = `${CLI_BUNDLE}.${process.pid}.${startedAt}.tmp`;
  writeFileSync(temporary, `${HEADER}${JSON.stringify({ startedAt, inputs })}\n${code}`);
  renameSync(temporary, CLI_BUNDLE);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
