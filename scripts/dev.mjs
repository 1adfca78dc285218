#!/usr/bin/env node
/**
 * `npm start`: `wrangler dev` on 127.0.0.1:8787 with the dev-only fault routes on, quiet.
 * - The Worker's own request line is off (`EDGEOS_LOG_REQUESTS=0`): wrangler dev already
 *   prints one line per request, and both made every request appear twice.
 * - `Request.cf` is not fetched from workers.cloudflare.com (locally it is a placeholder
 *   anyway), so an offline machine gets no stack trace at start; set
 *   `CLOUDFLARE_CF_FETCH_ENABLED=true` to fetch it.
 * - The WebAssembly kernels are built by `npm run build:wasm` before this runs, not by a
 *   wrangler `[build]` hook: wrangler reruns such a hook once its watcher is ready, which
 *   printed "assembly changed, restarting build" and compiled twice on every start.
 * - The S3 endpoint takes the development key pair `DEV_S3_KEYS` (README), unless
 *   `EDGEOS_S3_KEYS` is set in the environment.
 * Extra arguments go to wrangler (`npm start -- --port 9000`).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/** The S3 access key and secret `npm start` accepts, as the README gives them. */
const DEV_S3_KEYS = "edgeos-dev:edgeos-dev-secret";

const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const extra = process.argv.slice(2);
const given = (flag) => extra.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const args = [
  wrangler,
  "dev",
  ...(given("--ip") ? [] : ["--ip", "127.0.0.1"]),
  ...(given("--port") ? [] : ["--port", "8787"]),
  "--var",
  "EDGEOS_DEV_FAULTS:1",
  "--var",
  "EDGEOS_LOG_REQUESTS:0",
  "--var",
  `EDGEOS_S3_KEYS:${process.env.EDGEOS_S3_KEYS ?? DEV_S3_KEYS}`,
  ...extra,
];
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
