import type { EngineChoice } from "../consensus/host/engine";
import { quorumsError } from "../consensus/paxos/quorums";
import { FAULT_NAMES, type FaultName } from "./nemesis";

/** Parsed arguments of `npm run sim`. */
export interface SimArgs {
  engine: EngineChoice;
  nodes: number;
  seed: number;
  ops: number;
  clients: number;
  keys: number;
  faults: FaultName[];
  /** Consecutive seeds to run from `seed` (a soak run when large). */
  runs: number;
  /** Where to write the history as JSON Lines, if anywhere. */
  history: string | undefined;
}

export const SIM_USAGE = `usage: npm run sim -- [--engine raft|paxos] [--quorums P1,P2] [--nodes N] [--seed S]
                      [--ops N] [--clients N] [--keys N] [--faults LIST] [--history FILE]
                      [--runs N]
  --quorums Paxos only: election and commit quorums, P1 + P2 > nodes (default majorities)
  --runs    soak: run N consecutive seeds from --seed; --history keeps the first failing run
  --faults  comma-separated: ${FAULT_NAMES.join(",")}; or "all" or "none" (default all)`;

const INTEGER_FLAGS = {
  nodes: [1, 15],
  seed: [0, 2 ** 32 - 1],
  ops: [1, 1_000_000],
  clients: [1, 100],
  keys: [1, 100],
  runs: [1, 1_000_000],
} as const;

/** Parses and validates argv; throws an Error whose message says what is wrong. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  const args: SimArgs = {
    engine: { name: "raft" },
    nodes: 5,
    seed: 1,
    ops: 200,
    clients: 5,
    keys: 3,
    faults: [...FAULT_NAMES],
    runs: 1,
    history: undefined,
  };
  let quorums: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (!flag.startsWith("--")) throw new Error(`unexpected argument "${flag}"`);
    const [name, inline] = flag.slice(2).split("=", 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === "engine") {
      if (value !== "raft" && value !== "paxos") {
        throw new Error(`--engine must be "raft" or "paxos" (got "${value}")`);
      }
      args.engine = { name: value };
    } else if (name === "quorums") {
      quorums = value;
    } else if (name === "faults") {
      args.faults = parseFaults(value);
    } else if (name === "history") {
      if (value === "") throw new Error("--history needs a file name");
      args.history = value;
    } else if (name in INTEGER_FLAGS) {
      const key = name as keyof typeof INTEGER_FLAGS;
      args[key] = parseInteger(name, value, INTEGER_FLAGS[key]);
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  if (quorums !== undefined) args.engine = withQuorums(args.engine, quorums, args.nodes);
  return args;
}

/** The Paxos engine with `--quorums P1,P2`, which must intersect over `nodes`. */
function withQuorums(engine: EngineChoice, value: string, nodes: number): EngineChoice {
  if (engine.name !== "paxos") throw new Error("--quorums needs --engine paxos");
  const match = /^(\d+),(\d+)$/.exec(value);
  if (!match) throw new Error(`--quorums must be two whole numbers, P1,P2 (got "${value}")`);
  const quorums = { phase1: Number(match[1]), phase2: Number(match[2]) };
  const problem = quorumsError(quorums, nodes);
  if (problem) throw new Error(`--quorums: ${problem}`);
  return { name: "paxos", quorums };
}

function parseInteger(name: string, value: string, [lo, hi]: readonly [number, number]): number {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number (got "${value}")`);
  const n = Number(value);
  if (n < lo || n > hi) throw new Error(`--${name} must be between ${lo} and ${hi} (got ${n})`);
  return n;
}

function parseFaults(value: string): FaultName[] {
  if (value === "all") return [...FAULT_NAMES];
  if (value === "none") return [];
  const names = value.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!(FAULT_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown fault "${name}"; known: ${FAULT_NAMES.join(", ")}, all, none`);
    }
  }
  return [...new Set(names)] as FaultName[];
}
