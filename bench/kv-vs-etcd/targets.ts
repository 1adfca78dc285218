/**
 * The targets of issue 4's benchmark, checked against what one run measured, and the
 * markdown the run writes to docs/benchmarks.md.
 */
import type { LoadResult } from "../load/closed-loop";
import type { ServerCpu } from "../load/process-cpu";
import { markdownTable } from "../report";
import type { IdleCount } from "./edgeos-kv";

/** The operations, as the JSON lines and the table name them. */
export const OPS = {
  etcdPut: "POST /v3/kv/put",
  noop: "GET /healthz (no-op)",
  kvPut: "PUT /v1/groups/bench/kv/{key}",
  paxosKvPut: "PUT /v1/groups/bench-paxos/kv/{key}",
} as const;

/** The systems, as the JSON lines and the table name them. */
export const SYSTEMS = {
  edgeos: "edgeos lean server",
  edgeosPaxos: "edgeos lean server, Multi-Paxos group",
  wranglerDev: "edgeos wrangler dev",
} as const;

/** One measured loop, with the CPU its server processes used during it. */
export interface Run extends LoadResult {
  cpu?: ServerCpu;
}

/** Everything one run measured; edgeos KV numbers are absent when its routes are. */
export interface Measured {
  etcd: Run;
  etcdSerial: Run;
  noop: Run;
  kv?: Run;
  kvSerial?: Run;
  /** The same writes on a Multi-Paxos group. */
  paxosKv?: Run;
  paxosKvSerial?: Run;
  rpcCallsPerWrite?: number;
  idle?: IdleCount;
  /** The no-op ceiling through `wrangler dev`, when asked for. */
  wranglerDevNoop?: LoadResult;
}

/** One target: what was required, what was measured, and whether it was met (null: not measured). */
export interface TargetCheck {
  target: string;
  required: string;
  measured: string;
  ratio: number | null;
  met: boolean | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function check(
  target: string,
  required: string,
  measured: number | undefined,
  ratioOf: (value: number) => number,
  met: (value: number) => boolean,
  unit = "",
): TargetCheck {
  if (measured === undefined) return { target, required, measured: "n/a", ratio: null, met: null };
  return {
    target,
    required,
    measured: `${round2(measured)}${unit}`,
    ratio: round2(ratioOf(measured)),
    met: met(measured),
  };
}

/** Issue 4's targets against the measured numbers. */
export function checkTargets(m: Measured): TargetCheck[] {
  const c = m.etcd.concurrency;
  const kvOps = m.kv?.opsPerSec;
  return [
    check(
      `edgeos writes/s ÷ etcd writes/s (c=${c})`,
      "≥ 1.0",
      kvOps === undefined ? undefined : kvOps / m.etcd.opsPerSec,
      (ratio) => ratio,
      (ratio) => ratio >= 1,
    ),
    check(
      `edgeos write p99 (c=${c}), etcd's is ${m.etcd.latencyMs.p99} ms`,
      `≤ ${m.etcd.latencyMs.p99} ms`,
      m.kv?.latencyMs.p99,
      (p99) => p99 / m.etcd.latencyMs.p99,
      (p99) => p99 <= m.etcd.latencyMs.p99,
      " ms",
    ),
    check(
      `edgeos writes/s ÷ no-op ceiling ${m.noop.opsPerSec}/s (c=${c})`,
      "≥ 0.5",
      kvOps === undefined ? undefined : kvOps / m.noop.opsPerSec,
      (ratio) => ratio,
      (ratio) => ratio >= 0.5,
    ),
    check(
      `DO RPC calls per committed write (c=${c})`,
      "≤ 1.5",
      m.rpcCallsPerWrite,
      (calls) => calls / 1.5,
      (calls) => calls <= 1.5,
    ),
    idleCheck(m.idle),
  ];
}

/** Zero requests is met only if no restart could have hidden some; any request is a miss. */
function idleCheck(idle: IdleCount | undefined): TargetCheck {
  const target = "DO requests during the idle window";
  if (idle === undefined) return { target, required: "0", measured: "n/a", ratio: null, met: null };
  const caveats = [
    ...(idle.restarts > 0
      ? [`a lower bound: replica restarts (${idle.restarts}) reset the counters`]
      : []),
    ...(idle.termChanges > 0 ? [`new terms: ${idle.termChanges}`] : []),
  ];
  return {
    target,
    required: "0",
    measured: `${idle.requests}${caveats.length ? ` (${caveats.join("; ")})` : ""}`,
    ratio: idle.requests,
    met: idle.requests > 0 ? false : idle.restarts === 0 ? true : null,
  };
}

function resultRow(system: string, op: string, result: Run): (string | number)[] {
  const errors = Object.entries(result.errors).map(([label, n]) => `${label}×${n}`);
  return [
    system,
    op,
    result.concurrency,
    Math.round(result.opsPerSec).toLocaleString("en-US"),
    result.ok ? result.latencyMs.p50.toFixed(1) : "—",
    result.ok ? result.latencyMs.p99.toFixed(1) : "—",
    errors.join(", ") || "0",
    result.cpu ? result.cpu.cpuMsPerOk.toFixed(3) : "—",
    result.cpu ? result.cpu.cores.toFixed(2) : "—",
  ];
}

/** The section of docs/benchmarks.md: setup, results side by side, then the targets. */
export function benchMarkdown(m: Measured, setup: string, notes: string[]): string {
  const rows = [
    resultRow("etcd", OPS.etcdPut, m.etcd),
    resultRow("etcd", OPS.etcdPut, m.etcdSerial),
    resultRow(SYSTEMS.edgeos, OPS.noop, m.noop),
    ...(m.kv ? [resultRow(SYSTEMS.edgeos, OPS.kvPut, m.kv)] : []),
    ...(m.kvSerial ? [resultRow(SYSTEMS.edgeos, OPS.kvPut, m.kvSerial)] : []),
    ...(m.paxosKv ? [resultRow(SYSTEMS.edgeosPaxos, OPS.paxosKvPut, m.paxosKv)] : []),
    ...(m.paxosKvSerial ? [resultRow(SYSTEMS.edgeosPaxos, OPS.paxosKvPut, m.paxosKvSerial)] : []),
    ...(m.wranglerDevNoop ? [resultRow(SYSTEMS.wranglerDev, OPS.noop, m.wranglerDevNoop)] : []),
  ];
  const targets = checkTargets(m).map((t) => [
    t.target,
    t.required,
    t.measured,
    t.ratio ?? "—",
    t.met === null ? "not measured" : t.met ? "yes" : "**no**",
  ]);
  return [
    "## kv-vs-etcd — edgeos KV writes against a 3-member etcd on the same machine",
    "",
    setup,
    "",
    markdownTable(
      [
        "system",
        "operation",
        "concurrency",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "server CPU ms/op",
        "server cores busy",
      ],
      rows,
    ),
    "",
    markdownTable(["target", "required", "measured", "ratio", "met"], targets),
    "",
    ...notes.map((note) => `- ${note}`),
  ].join("\n");
}
