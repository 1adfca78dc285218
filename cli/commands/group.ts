/** `edgeos group create|status|add|remove|transfer`: consensus groups and their members. */

import { ENGINES, REPLICA_COUNTS } from "../../shared/consensus/group-config";
import type { ReplicaState } from "../../shared/consensus/host/host-status";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { Command, CommandContext } from "../command";
import { choiceFlag, integerFlag, parseFlags, pickSubcommand, positionals } from "./args";

const USAGE = [
  "group create NAME [--engine raft|paxos] [--replicas 3|5] [--quorums P1,P2] [--locations …]",
  "group status NAME",
  "group add NAME ID",
  "group remove NAME ID",
  "group transfer NAME ID",
];

interface Status {
  name: string;
  engine: string;
  leader: number;
  lastLeader: number;
  state: ReplicaState;
  term: number;
  ballot: { round: number; replica: number } | null;
  quorums: { phase1: number; phase2: number } | null;
  commit: number;
  applied: number;
  quiesced: boolean;
  members: {
    id: number;
    role: string;
    match: number | null;
    lag: number | null;
    committed: number | null;
    location: string | null;
  }[];
}

const groupPath = (name: string, rest = "") => `/v1/groups/${encodeURIComponent(name)}${rest}`;

function output(context: CommandContext, value: unknown, human: string[]): number {
  if (context.options.json) context.output.out(JSON.stringify(value));
  else for (const line of human) context.output.out(line);
  return 0;
}

/** NAME and ID of `group add|remove|transfer`. */
function nameAndId(args: string[], usage: string): [string, number] {
  const [name, id] = positionals(args, 2, usage) as [string, string];
  return [name, integerFlag(id, "ID")];
}

/** `--quorums P1,P2` as the API takes it (the server checks that they intersect). */
function quorumsFlag(value: string): { phase1: number; phase2: number } {
  const match = /^(\d+),(\d+)$/.exec(value);
  if (!match)
    throw new CliError(`--quorums takes two numbers, P1,P2 (got "${value}")`, USAGE_EXIT_CODE);
  return { phase1: Number(match[1]), phase2: Number(match[2]) };
}

/** Raft's term, or the Paxos ballot as (round, replica). */
function termOf(status: Status): string {
  return status.ballot
    ? `ballot (${status.ballot.round}, ${status.ballot.replica})`
    : `term ${status.term}`;
}

/** The leader, or — while the replica asked was evicted — the one it last followed. */
function leaderOf(status: Status): string {
  if (status.state === "evicted") {
    return status.lastLeader ? `last leader ${status.lastLeader}` : "no leader yet";
  }
  return `leader ${status.leader || "none (electing)"}`;
}

const SUBCOMMANDS: Record<string, (context: CommandContext, args: string[]) => Promise<number>> = {
  async create(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      engine: { type: "string" },
      replicas: { type: "string" },
      quorums: { type: "string" },
      locations: { type: "string" },
    });
    const [name] = positionals(rest, 1, USAGE[0] as string) as [string];
    const body = {
      name,
      engine: values.engine ? choiceFlag(values.engine, "--engine", ENGINES) : "raft",
      replicas: values.replicas ? choiceFlag(values.replicas, "--replicas", REPLICA_COUNTS) : 3,
      ...(values.quorums && { quorums: quorumsFlag(values.quorums) }),
      ...(values.locations && { locations: values.locations.split(",") }),
    };
    const created = await context.client.request<{
      name: string;
      engine: string;
      replicas: number;
      quorums?: { phase1: number; phase2: number };
    }>("POST", "/v1/groups", body);
    const quorums = created.quorums
      ? ` (quorums ${created.quorums.phase1} to elect, ${created.quorums.phase2} to commit)`
      : "";
    return output(context, created, [
      `group ${created.name} created: ${created.engine}, ${created.replicas} replicas${quorums}`,
    ]);
  },
  async status(context, args) {
    const [name] = positionals(args, 1, USAGE[1] as string) as [string];
    const status = await context.client.get<Status>(groupPath(name));
    const paxos = status.engine === "paxos";
    return output(context, status, [
      `group ${status.name} (${status.engine}): ${leaderOf(status)}, ${termOf(status)}, commit ${status.commit}, applied ${status.applied}${status.state === "active" ? "" : `, ${status.state}`}`,
      ...(status.quorums
        ? [`  quorums: ${status.quorums.phase1} to elect, ${status.quorums.phase2} to commit`]
        : []),
      `  id  role      match   lag${paxos ? " chosen" : ""}  location`,
      ...status.members.map(
        (m) =>
          `  ${String(m.id).padStart(2)}  ${m.role.padEnd(8)} ${String(m.match ?? "-").padStart(6)} ${String(m.lag ?? "-").padStart(5)}${paxos ? ` ${String(m.committed ?? "-").padStart(6)}` : ""}  ${m.location ?? "-"}`,
      ),
    ]);
  },
  async add(context, args) {
    const [name, id] = nameAndId(args, USAGE[2] as string);
    const conf = await context.client.request<{ voters: number[]; learners: number[] }>(
      "POST",
      groupPath(name, "/members"),
      { id },
    );
    return output(context, conf, [
      `voters ${conf.voters.join(",")}; learners ${conf.learners.join(",") || "none"}`,
    ]);
  },
  async remove(context, args) {
    const [name, id] = nameAndId(args, USAGE[3] as string);
    const conf = await context.client.request<{ voters: number[]; learners: number[] }>(
      "DELETE",
      groupPath(name, `/members/${id}`),
    );
    return output(context, conf, [
      `voters ${conf.voters.join(",")}; learners ${conf.learners.join(",") || "none"}`,
    ]);
  },
  async transfer(context, args) {
    const [name, id] = nameAndId(args, USAGE[4] as string);
    const result = await context.client.request<{ leader: number }>(
      "POST",
      groupPath(name, "/leader"),
      { id },
    );
    return output(context, result, [`replica ${result.leader} now leads ${name}`]);
  },
};

export const groupCommand: Command = {
  name: "group",
  summary: "create consensus groups, inspect them, change members and leaders",
  usage: "edgeos group create|status|add|remove|transfer …",
  help: [
    {
      name: "create",
      args: "NAME [--engine raft|paxos] [--replicas 3|5] [--quorums P1,P2] [--locations HINT,…]",
      summary: "create a Raft or Multi-Paxos group of NAME with 3 or 5 replicas",
      flags: [
        {
          flag: "--engine E",
          text: `consensus engine, one of ${ENGINES.join(", ")}`,
          default: "raft",
        },
        {
          flag: "--replicas N",
          text: `replicas, one of ${REPLICA_COUNTS.join(", ")}`,
          default: "3",
        },
        {
          flag: "--quorums P1,P2",
          text: "paxos: replicas to elect (P1) and to commit (P2); P1 + P2 > replicas",
          default: "majorities",
        },
        {
          flag: "--locations HINT,…",
          text: "a location hint per replica (wnam, enam, weur, eeur, apac, oc, …)",
          default: "none",
        },
      ],
      example: "group create orders --engine paxos --replicas 5 --quorums 4,2",
    },
    {
      name: "status",
      args: "NAME",
      summary: "show the leader, term, commit and applied index, and every member",
      example: "group status default",
    },
    {
      name: "add",
      args: "NAME ID",
      summary: "add replica ID (1-9) as a learner, then promote it to voter",
      example: "group add orders 4",
    },
    {
      name: "remove",
      args: "NAME ID",
      summary: "remove replica ID from the group's members",
      example: "group remove orders 4",
    },
    {
      name: "transfer",
      args: "NAME ID",
      summary: "hand leadership of the group to replica ID",
      example: "group transfer orders 2",
    },
  ],
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};
