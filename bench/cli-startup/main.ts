/**
 * How fast the `edgeos` command starts, beside Node's own start-up (`node -e 0`), the
 * reference: `edgeos --version` and `edgeos status` (against the lean server, so it
 * includes one HTTP round trip), run as the compiled CLI (`cli/bin.cjs` and the bundle
 * in `build/cli/`), and the way the CLI used to start, transpiling its TypeScript with
 * tsx at every run. `npx edgeos --version` is measured too, for the cost of npm itself.
 * Target (issue #18): `--version` and `status` within 150 ms of wall time.
 *
 * Every case runs `--rounds` times (default 30), the cases interleaved so that the
 * machine's load falls on all alike; wall time per run (p50, fastest, p90) and CPU time
 * (user + system of the child, from /proc, mean per run). When NODE_EXTRA_CA_CERTS is
 * set, Node parses that certificate file at every start; the cases then run a second
 * time without it, to separate the machine's cost from the CLI's.
 *
 *   npm run bench -- cli-startup [--rounds N]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { median, percentile } from "../../shared/stats";
import { freePort } from "../../test/e2e/wrangler-dev";
import { startLeanServer } from "../kv-vs-etcd/lean-server";
import { emit, markdownTable, writeBenchSection } from "../report";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TARGET_MS = 150;
const NPX_ROUNDS = 5;
const rounds = Number(flag("--rounds") ?? 30);

/** One command line to time. */
interface Case {
  name: string;
  argv: string[];
  rounds: number;
  /** Compared with the target. */
  target?: boolean;
}

/** What one case measured in one environment. */
interface Result {
  name: string;
  env: string;
  runs: number;
  p50: number;
  min: number;
  p90: number;
  cpuMs: number;
}

const server = await startLeanServer({
  port: await freePort(),
  vars: { EDGEOS_LOG_REQUESTS: "0" },
});
try {
  const url = server.url;
  const cases: Case[] = [
    { name: "node -e 0 (reference)", argv: ["node", "-e", "0"], rounds },
    {
      name: "edgeos --version",
      argv: ["node", "cli/bin.cjs", "--version"],
      rounds,
      target: true,
    },
    {
      name: "edgeos status",
      argv: ["node", "cli/bin.cjs", "--url", url, "status"],
      rounds,
      target: true,
    },
    {
      name: "edgeos --version, transpiled by tsx (before)",
      argv: [
        "node",
        "--import",
        "tsx",
        "-e",
        "import('./cli/entry.ts').then((cli) => cli.run(['--version']))",
      ],
      rounds,
    },
    { name: "npx edgeos --version", argv: ["npx", "edgeos", "--version"], rounds: NPX_ROUNDS },
  ];
  // Warm up: builds the bundle if a source changed, fills the page cache.
  for (const c of cases) run(c.argv, process.env);

  const envs: [string, NodeJS.ProcessEnv][] = [["as is", process.env]];
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const { NODE_EXTRA_CA_CERTS: _, ...without } = process.env;
    envs.push(["no NODE_EXTRA_CA_CERTS", without]);
  }
  const results: Result[] = [];
  for (const [envName, env] of envs) {
    const walls = cases.map(() => [] as number[]);
    const cpu = cases.map(() => 0);
    for (let round = 0; round < rounds; round++) {
      cases.forEach((c, i) => {
        if (round >= c.rounds) return;
        const measured = run(c.argv, env);
        walls[i]?.push(measured.wallMs);
        cpu[i] = (cpu[i] ?? 0) + measured.cpuMs;
      });
    }
    cases.forEach((c, i) => {
      const wall = walls[i] ?? [];
      const result: Result = {
        name: c.name,
        env: envName,
        runs: wall.length,
        p50: median(wall),
        min: Math.min(...wall),
        p90: percentile(wall, 90),
        cpuMs: (cpu[i] ?? 0) / wall.length,
      };
      results.push(result);
    });
  }

  const rows = results.map((r) => {
    const reference = results.find((x) => x.env === r.env && x.name.startsWith("node -e 0"));
    const ratio = reference ? r.p50 / reference.p50 : Number.NaN;
    const target = cases.find((c) => c.name === r.name)?.target;
    emit({
      bench: "cli-startup",
      case: r.name,
      env: r.env,
      runs: r.runs,
      wallMsP50: round1(r.p50),
      wallMsMin: round1(r.min),
      wallMsP90: round1(r.p90),
      cpuMs: round1(r.cpuMs),
      ratioToNode: round2(ratio),
      ...(target && { targetMs: TARGET_MS, met: r.p50 <= TARGET_MS }),
    });
    return [
      r.name,
      r.env,
      String(r.runs),
      r.p50.toFixed(0),
      r.min.toFixed(0),
      r.p90.toFixed(0),
      r.cpuMs.toFixed(0),
      ratio.toFixed(2),
      target ? `≤ ${TARGET_MS} ms: ${r.p50 <= TARGET_MS ? "met" : "not met"}` : "—",
    ];
  });
  const table = markdownTable(
    [
      "command",
      "environment",
      "runs",
      "wall ms p50",
      "fastest",
      "p90",
      "CPU ms",
      "p50 / node -e 0",
      "target (p50)",
    ],
    rows,
  );
  console.log(table);
  const bundleBytes = readFileSync(`${ROOT}build/cli/edgeos.cjs`).length;
  writeBenchSection(
    "cli-startup",
    [
      "## cli-startup — how fast `edgeos` starts",
      "",
      `Wall time from spawn to exit, ${rounds} runs per command (npx ${NPX_ROUNDS}), the commands`,
      "interleaved; CPU ms is the child's user + system time, mean per run. `edgeos` is",
      `\`node cli/bin.cjs\`: the CLI compiled ahead into one CommonJS file (${Math.round(bundleBytes / 1024)} KiB,`,
      "`npm run build:cli`, rebuilt by the launcher when a source changed). `status` asks the",
      "lean server (`npm run serve`) on loopback. The machine is shared:",
      `${cpus().length} cores of ${cpus()[0]?.model ?? "an unknown CPU"}, load average ${loadavg()[0]?.toFixed(2)} at the end, Node ${process.versions.node}.`,
      "",
      table,
      "",
      ...overheads(results),
      "",
      "`NODE_EXTRA_CA_CERTS`, when set (it is on this machine), makes Node parse that",
      "certificate file before any JavaScript runs, at every start of every Node program;",
      "the rows without it show what the CLI itself costs. `status` makes its call with",
      "`node:http`: on Node 20 the first `fetch` of a process compiles undici, about 150 ms",
      "of CPU. `npx` adds npm's own start-up; where that matters, run the executable itself",
      '(`alias edgeos="node $PWD/cli/bin.cjs"` in the checkout).',
    ].join("\n"),
  );
} finally {
  await server.stop();
}

/** One line per environment: what the CLI adds to Node's own start (p50 against p50). */
function overheads(results: Result[]): string[] {
  return [...new Set(results.map((r) => r.env))].map((env) => {
    const p50 = (prefix: string) =>
      results.find((r) => r.env === env && r.name.startsWith(prefix))?.p50 ?? Number.NaN;
    const node = p50("node -e 0");
    const added = (prefix: string) => `${(p50(prefix) - node).toFixed(0)} ms`;
    return `- ${env}: \`--version\` adds ${added("edgeos --version")} to \`node -e 0\`'s ${node.toFixed(0)} ms, \`status\` ${added("edgeos status")}.`;
  });
}

/** Runs `argv` in the repository and returns its wall time and the CPU time it used. */
function run(argv: string[], env: NodeJS.ProcessEnv): { wallMs: number; cpuMs: number } {
  const before = childCpuMs();
  const start = performance.now();
  const done = spawnSync(argv[0] as string, argv.slice(1), { cwd: ROOT, env, stdio: "pipe" });
  const wallMs = performance.now() - start;
  if (done.status !== 0) {
    throw new Error(`${argv.join(" ")} exited with ${done.status}: ${done.stderr}`);
  }
  return { wallMs, cpuMs: childCpuMs() - before };
}

/** CPU time of this process's waited-for children so far (Linux: /proc/self/stat). */
function childCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of stat(5), cutime and cstime, in clock ticks (100 per second).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
