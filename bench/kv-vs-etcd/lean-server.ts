/**
 * Runs `scripts/serve.ts` (the lean server behind `npm run serve`) as a child process in
 * its own process group, for the benchmark and the e2e tests: resolves once it prints the
 * URL it serves, and stops it the way a user would, with SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const READY_LINE = /edgeos serving on (http:\/\/\S+?),/;
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
/** How much of the server's output is kept (request logs can run to megabytes). */
const KEPT_OUTPUT_CHARS = 64 * 1024;

/** How to start the server. */
export interface LeanServerOptions {
  port: number;
  persist?: string;
  /** `--var NAME:VALUE` overrides of wrangler.toml's [vars]. */
  vars?: Record<string, string>;
  /** Extra environment, e.g. `EDGEOS_TOKEN`. */
  env?: Record<string, string>;
}

/** A running lean server. */
export interface LeanServer {
  url: string;
  /** Process id of the server (workerd runs below it). */
  pid: number;
  /** The last 64 KiB it printed. */
  output(): string;
  /** SIGTERM, then SIGKILL to the group after a grace period; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the lean server and resolves once it says where it serves. */
export async function startLeanServer(options: LeanServerOptions): Promise<LeanServer> {
  const args = ["--import", "tsx", "scripts/serve.ts", "--port", String(options.port)];
  if (options.persist) args.push("--persist", options.persist);
  for (const [name, value] of Object.entries(options.vars ?? {})) {
    args.push("--var", `${name}:${value}`);
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let log = "";
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    let started = false;
    const onData = (chunk: Buffer) => {
      log = (log + chunk).slice(-KEPT_OUTPUT_CHARS);
      const match = started ? null : READY_LINE.exec(log);
      if (match?.[1]) {
        started = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}`));
    });
  });
  const stop = () => stopChild(child);
  try {
    const url = await ready;
    return { url, pid: child.pid ?? 0, output: () => log, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- serve output ---\n${log.slice(-4000)}`);
  }
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, STOP_GRACE_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
