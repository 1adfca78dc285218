/**
 * The production Worker bundle, as `wrangler deploy` would upload it, built locally with
 * `npm run build:wasm` and then `wrangler deploy --dry-run`: served by `npm run serve`,
 * measured by the placement bench. (wrangler.toml has no `[build]` hook; see there.)
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The project's wrangler configuration. */
export const WRANGLER_CONFIG = join(ROOT, "wrangler.toml");

/** Builds the WebAssembly kernels, then runs `wrangler deploy --dry-run` into `outdir`. */
export async function buildBundle(outdir: string): Promise<void> {
  const npmCli = process.env.npm_execpath;
  await run(
    npmCli ? process.execPath : "npm",
    [...(npmCli ? [npmCli] : []), "run", "--silent", "build:wasm"],
    "npm run build:wasm",
  );
  const wranglerBin = join(
    createRequire(import.meta.url).resolve("wrangler/package.json"),
    "..",
    "bin",
    "wrangler.js",
  );
  await run(
    process.execPath,
    [wranglerBin, "deploy", "--dry-run", "--outdir", outdir, "--config", WRANGLER_CONFIG],
    "wrangler deploy --dry-run",
  );
}

/** Runs one build step in the project root; rejects with its output on failure. */
async function run(command: string, args: string[], name: string): Promise<void> {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once("close", done));
  if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${output}`);
}
