/**
 * `npm run sim -- --engine raft|paxos [--quorums 4,2] --nodes 5 --seed 7 --ops 500 --faults partition,crash,drop,dup,delay --history out.jsonl`
 * runs one seeded simulation (or, with --runs N, a soak over N consecutive seeds), prints a
 * summary, checks each history for linearizability and optionally writes one as JSON
 * Lines. Exits 1 on a safety or linearizability failure, 2 on bad arguments.
 */
import { writeFileSync } from "node:fs";
import { type HistoryEvent, toJsonLines } from "../shared/lincheck/history";
import { checkLinearizable } from "../shared/lincheck/index";
import { parseSimArgs, SIM_USAGE, type SimArgs } from "../shared/sim/cli-args";
import { runSimulation } from "../shared/sim/run";

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(`${SIM_USAGE}\n`);
  process.exit(0);
}
let args: SimArgs;
try {
  args = parseSimArgs(argv);
} catch (error) {
  process.stderr.write(`sim: ${(error as Error).message}\n${SIM_USAGE}\n`);
  process.exit(2);
}

const started = performance.now();
const totals = { ok: 0, fail: 0, info: 0, elections: 0, confChanges: 0, messages: 0 };
const failedSeeds: number[] = [];
let kept: { seed: number; history: HistoryEvent[] } | undefined;
let report: string[] = [];
for (let seed = args.seed; seed < args.seed + args.runs; seed++) {
  const { history, summary } = runSimulation({
    seed,
    nodes: args.nodes,
    ops: args.ops,
    clients: args.clients,
    keys: args.keys,
    faults: args.faults,
    engine: args.engine,
  });
  const verdict = checkLinearizable(history);
  const failed = !verdict.ok || summary.violations.length > 0;
  totals.ok += summary.ok;
  totals.fail += summary.fail;
  totals.info += summary.info;
  totals.elections += summary.elections;
  totals.confChanges += summary.confChanges;
  totals.messages += summary.messages;
  if (failed) failedSeeds.push(seed);
  if (!kept || (failed && failedSeeds.length === 1)) kept = { seed, history };
  if (seed === args.seed || (failed && failedSeeds.length === 1)) {
    report = [
      `engine ${engineName(args)} · ${args.nodes} nodes · seed ${seed} · faults ${args.faults.join(",") || "none"}`,
      `ops          ${args.ops} (ok ${summary.ok}, fail ${summary.fail}, info ${summary.info})${summary.finished ? "" : " — time limit hit"}`,
      `elections    ${summary.elections}`,
      `membership   ${summary.confChanges} changes committed`,
      `messages     ${summary.messages}`,
      `commit latency (ticks, ok writes/CAS, invoke→ack)  p50 ${summary.commitLatencyTicks.p50}  p99 ${summary.commitLatencyTicks.p99}`,
      `virtual time ${summary.virtualMs} ms`,
      `safety       ${summary.violations.length === 0 ? "ok" : summary.violations.join("; ")}`,
      `linearizable ${verdict.ok ? "yes" : `no (key ${verdict.key})`}`,
      ...(verdict.ok ? [] : [`counterexample:\n${toJsonLines(verdict.counterexample).trimEnd()}`]),
    ];
  }
}
process.stdout.write(`${report.join("\n")}\n`);
if (args.runs > 1) {
  process.stdout.write(
    `soak         ${args.runs} seeds from ${args.seed}: ops ok ${totals.ok}, fail ${totals.fail}, info ${totals.info}; elections ${totals.elections}; membership changes ${totals.confChanges}; messages ${totals.messages}; failing seeds ${failedSeeds.length === 0 ? "none" : failedSeeds.join(",")}\n`,
  );
}
process.stdout.write(`wall time    ${(performance.now() - started).toFixed(0)} ms\n`);
if (args.history && kept) {
  writeFileSync(args.history, toJsonLines(kept.history));
  process.stdout.write(
    `history      seed ${kept.seed}, ${kept.history.length} events → ${args.history}\n`,
  );
}
process.exit(failedSeeds.length === 0 ? 0 : 1);

/** The engine as the report names it: `raft`, `paxos`, or `paxos (quorums 4/2)`. */
function engineName(args: SimArgs): string {
  const { engine } = args;
  if (engine.name === "raft" || !engine.quorums) return engine.name;
  return `paxos (quorums ${engine.quorums.phase1}/${engine.quorums.phase2})`;
}
