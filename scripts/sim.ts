/**
 * `npm run sim -- --engine raft --nodes 5 --seed 7 --ops 500 --faults partition,crash,drop,dup,delay --history out.jsonl`
 * runs one seeded simulation, prints a summary, checks the history for linearizability
 * and optionally writes it as JSON Lines. Exits 1 on a safety or linearizability failure,
 * 2 on bad arguments.
 */
import { writeFileSync } from "node:fs";
import { toJsonLines } from "../shared/lincheck/history";
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
const { history, summary } = runSimulation({
  seed: args.seed,
  nodes: args.nodes,
  ops: args.ops,
  clients: args.clients,
  keys: args.keys,
  faults: args.faults,
});
const verdict = checkLinearizable(history);
const wallMs = performance.now() - started;

const lines = [
  `engine raft · ${args.nodes} nodes · seed ${args.seed} · faults ${args.faults.join(",") || "none"}`,
  `ops          ${args.ops} (ok ${summary.ok}, fail ${summary.fail}, info ${summary.info})${summary.finished ? "" : " — time limit hit"}`,
  `elections    ${summary.elections}`,
  `messages     ${summary.messages}`,
  `commit latency (ticks, ok writes/CAS, invoke→ack)  p50 ${summary.commitLatencyTicks.p50}  p99 ${summary.commitLatencyTicks.p99}`,
  `virtual time ${summary.virtualMs} ms (wall ${wallMs.toFixed(0)} ms)`,
  `safety       ${summary.violations.length === 0 ? "ok" : summary.violations.join("; ")}`,
  `linearizable ${verdict.ok ? "yes" : `no (key ${verdict.key})`}`,
];
process.stdout.write(`${lines.join("\n")}\n`);
if (!verdict.ok) {
  process.stdout.write(`counterexample:\n${toJsonLines(verdict.counterexample)}`);
}
if (args.history) {
  writeFileSync(args.history, toJsonLines(history));
  process.stdout.write(`history      ${history.length} events → ${args.history}\n`);
}
process.exit(verdict.ok && summary.violations.length === 0 ? 0 : 1);
