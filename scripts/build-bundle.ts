/**
 * The production Worker bundle, as `wrangler deploy` would upload it, built locally with
 * `wrangler deploy --dry-run`: served by `npm run serve`, measured by the placement bench.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The project's wrangler configuration. */
export const WRANGLER_CONFIG = join(ROOT, "wrangler.toml");

/** Runs `wrangler deploy --dry-run` into `outdir`; rejects with wrangler's output on failure. */
export async function buildBundle(outdir: string): Promise<void> {
  const wranglerBin = join(
    createRequire(import.meta.url).resolve("wrangler/package.json"),
    "..",
    "bin",
    "wrangler.js",
  );
  const child = spawn(
    process.execPath,
    [wranglerBin, "deploy", "--dry-run", "--outdir", outdir, "--config", WRANGLER_CONFIG],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once("close", done));
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${code}):\n${output}`);
}
