/**
 * `npm run serve -- --port P [--persist DIR] [--host H] [--var NAME:VALUE]...` — the lean
 * local server: builds the production Worker bundle (`wrangler deploy --dry-run`) and
 * serves it through Miniflare's API, with no reload proxy and no inspector in front.
 * Durable Object bindings, their SQLite flags (from the migrations), vars and the
 * compatibility date all come from wrangler.toml; `EDGEOS_TOKEN` comes from the
 * environment. The requested port is a direct socket on the Worker: requests skip
 * Miniflare's entry Worker (a second JavaScript hop that roughly halves a no-op route's
 * throughput); that entry Worker stays on a free loopback port, unannounced. With `--persist DIR`, storage lives under DIR (laid out as `wrangler dev
 * --persist-to DIR` lays it out) and survives restarts; without it, state is lost when the
 * server stops.
 *
 * Prints `edgeos serving on <url>` once ready; stops cleanly on SIGINT/SIGTERM.
 * Exits 2 on bad arguments, 1 when the bundle or the runtime fails to start.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import type { MiniflareOptions } from "miniflare";
import type { Unstable_Config as WranglerConfig } from "wrangler";
import { buildBundle, WRANGLER_CONFIG } from "./build-bundle";

const USAGE = `usage: npm run serve -- --port P [--persist DIR] [--host H] [--var NAME:VALUE]...
  --port P           port to listen on (0 picks a free one; the URL printed says which)
  --persist DIR      keep storage under DIR across restarts, in wrangler's --persist-to layout
                     (default: in memory, lost on stop)
  --host H           address to listen on (default 127.0.0.1)
  --var NAME:VALUE   override a [vars] entry of wrangler.toml (repeatable)
environment: EDGEOS_TOKEN, when set, makes every /v1 route require "Authorization: Bearer"`;

/** Parsed command line. */
interface ServeArgs {
  port: number;
  host: string;
  persist?: string;
  vars: Record<string, string>;
}

/** Binding kinds this server does not provide; a config that uses one is refused, not half-served. */
const UNSUPPORTED_BINDINGS = [
  "kv_namespaces",
  "r2_buckets",
  "d1_databases",
  "services",
  "analytics_engine_datasets",
  "vectorize",
  "hyperdrive",
] as const;

function parseArgs(argv: string[]): ServeArgs {
  const args: ServeArgs = { port: -1, host: "127.0.0.1", vars: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = flag === arg ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--port": {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) {
          throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`);
        }
        args.port = port;
        break;
      }
      case "--host":
        args.host = value();
        break;
      case "--persist":
        args.persist = resolve(value());
        break;
      case "--var": {
        const pair = value();
        const colon = pair.indexOf(":");
        if (colon <= 0) throw new Error(`--var must look like NAME:VALUE, got "${pair}"`);
        args.vars[pair.slice(0, colon)] = pair.slice(colon + 1);
        break;
      }
      default:
        throw new Error(`unknown argument "${arg}"`);
    }
  }
  if (args.port < 0) throw new Error("--port is required");
  return args;
}

/** Miniflare options for the bundle in `outdir`, derived from wrangler.toml and the arguments. */
function miniflareOptions(
  config: WranglerConfig,
  useSqlite: ReadonlyMap<string, boolean>,
  outdir: string,
  args: ServeArgs,
) {
  for (const kind of UNSUPPORTED_BINDINGS) {
    const declared = config[kind];
    if (Array.isArray(declared) && declared.length > 0) {
      throw new Error(`wrangler.toml declares ${kind}, which npm run serve does not provide`);
    }
  }
  if (!config.main) throw new Error("wrangler.toml has no main entry");
  const durableObjects: Record<string, { className: string; useSQLite: boolean }> = {};
  for (const binding of config.durable_objects.bindings) {
    if (binding.script_name && binding.script_name !== config.name) {
      throw new Error(`${binding.name} is bound to another Worker (${binding.script_name})`);
    }
    durableObjects[binding.name] = {
      className: binding.class_name,
      useSQLite: useSqlite.get(binding.class_name) ?? false,
    };
  }
  const token = process.env.EDGEOS_TOKEN;
  const options: MiniflareOptions = {
    name: config.name,
    host: "127.0.0.1",
    port: 0,
    unsafeDirectSockets: [{ host: args.host, port: args.port }],
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, `${basename(config.main, extname(config.main))}.js`),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
      { type: "Text", include: ["**/*.txt", "**/*.html", "**/*.sql"] },
      { type: "Data", include: ["**/*.bin"] },
    ],
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    bindings: { ...config.vars, ...args.vars, ...(token ? { EDGEOS_TOKEN: token } : {}) },
    durableObjects,
    // wrangler's own layout under a --persist-to directory, so `npm start -- --persist-to DIR`
    // and `npm run serve -- --persist DIR` open the same state.
    ...(args.persist ? { defaultPersistRoot: join(args.persist, "v3") } : {}),
    cf: false,
    logRequests: false,
  };
  return options;
}

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
let args: ServeArgs;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`serve: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

const outdir = mkdtempSync(join(tmpdir(), "edgeos-serve-"));
process.on("exit", () => rmSync(outdir, { recursive: true, force: true }));
// Exiting runs Miniflare's own exit hook, which stops workerd; every write a Durable
// Object acknowledged is already durable in its SQLite file, so nothing more is flushed.
// Prepended: importing wrangler installs signal handlers that exit at once, unannounced.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.prependOnceListener(signal, () => {
    process.stdout.write(`edgeos stopped (${signal})\n`);
    process.exit(0);
  });
}

try {
  // Imported only once the arguments are valid: loading wrangler takes seconds.
  const wrangler = await import("wrangler");
  const { Miniflare } = await import("miniflare");
  const config = wrangler.unstable_readConfig({ config: WRANGLER_CONFIG });
  const useSqlite = wrangler.unstable_getDurableObjectClassNameToUseSQLiteMap(config.migrations);
  await buildBundle(outdir);
  const server = new Miniflare(miniflareOptions(config, useSqlite, outdir, args));
  await server.ready;
  const url = await server.unsafeGetDirectURL();
  const persisted = args.persist ? `, state in ${args.persist}` : ", state in memory";
  process.stdout.write(`edgeos serving on ${url.origin}${persisted}\n`);
} catch (error) {
  process.stderr.write(`serve: ${(error as Error).message}\n`);
  process.exit(1);
}
