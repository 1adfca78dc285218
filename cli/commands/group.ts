/** `edgeos group create|status|add|remove|transfer`: consensus groups and their members. */

import { REPLICA_COUNTS } from "../../shared/consensus/group-config";
import type { Command, CommandContext } from "../command";
import { choiceFlag, integerFlag, parseFlags, pickSubcommand, positionals } from "./args";

const USAGE = [
  "group create NAME [--replicas 3|5] [--locations hint,hint,…]",
  "group status NAME",
  "group add NAME ID",
  "group remove NAME ID",
  "group transfer NAME ID",
];

interface Status {
  name: string;
  leader: number;
  term: number;
  commit: number;
  applied: number;
  quiesced: boolean;
  members: {
    id: number;
    role: string;
    match: number | null;
    lag: number | null;
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

const SUBCOMMANDS: Record<string, (context: CommandContext, args: string[]) => Promise<number>> = {
  async create(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      replicas: { type: "string" },
      locations: { type: "string" },
    });
    const [name] = positionals(rest, 1, USAGE[0] as string) as [string];
    const body = {
      name,
      engine: "raft",
      replicas: values.replicas ? choiceFlag(values.replicas, "--replicas", REPLICA_COUNTS) : 3,
      ...(values.locations && { locations: values.locations.split(",") }),
    };
    const created = await context.client.request<{ name: string; replicas: number }>(
      "POST",
      "/v1/groups",
      body,
    );
    return output(context, created, [
      `group ${created.name} created with ${created.replicas} replicas`,
    ]);
  },
  async status(context, args) {
    const [name] = positionals(args, 1, USAGE[1] as string) as [string];
    const status = await context.client.get<Status>(groupPath(name));
    return output(context, status, [
      `group ${status.name}: leader ${status.leader}, term ${status.term}, commit ${status.commit}, applied ${status.applied}${status.quiesced ? ", quiescent" : ""}`,
      "  id  role      match   lag  location",
      ...status.members.map(
        (m) =>
          `  ${String(m.id).padStart(2)}  ${m.role.padEnd(8)} ${String(m.match ?? "-").padStart(6)} ${String(m.lag ?? "-").padStart(5)}  ${m.location ?? "-"}`,
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
      args: "NAME [--replicas 3|5] [--locations HINT,…]",
      summary: "create a Raft group of NAME with 3 or 5 replicas",
      flags: [
        {
          flag: "--replicas N",
          text: `replicas, one of ${REPLICA_COUNTS.join(", ")}`,
          default: "3",
        },
        {
          flag: "--locations HINT,…",
          text: "a location hint per replica (wnam, enam, weur, eeur, apac, oc, …)",
          default: "none",
        },
      ],
      example: "group create orders --replicas 5 --locations weur,enam,apac,wnam,eeur",
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
