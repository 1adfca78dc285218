/**
 * `edgeos ring create|status|join|leave|fail`: DHT rings from the shell. `status` prints one
 * line per live node (id, predecessor, first successor, routing entries, keys).
 */
import type { Command, CommandContext } from "../command";
import { choiceFlag, integerFlag, parseFlags, positionals } from "./args";
import { optionalName, runSubcommand, type SubcommandHandler } from "./subcommands";

interface RingNode {
  id: string;
  predecessor: string | null;
  successors: string[];
  fingers?: number;
  contacts?: number;
  keys: number;
  alarmSet: boolean;
}

interface RingStatus {
  name: string;
  overlay: string;
  replication: number;
  virtualNodes: number;
  version: number;
  nodes: RingNode[];
}

const USAGE = [
  "ring create NAME [--overlay chord|kademlia] [--nodes N] [--replication R] [--virtual-nodes V]",
  "ring status [NAME]",
  "ring join [NAME]",
  "ring leave NODE [--ring NAME] | ring fail NODE [--ring NAME]",
];

const OVERLAYS = ["chord", "kademlia"] as const;
const RING_FLAG = { flag: "--ring NAME", text: "the ring", default: "default" };

const ringPath = (name: string, rest = "") => `/v1/rings/${encodeURIComponent(name)}${rest}`;

const SUBCOMMANDS: Record<string, SubcommandHandler> = {
  async create(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      overlay: { type: "string" },
      nodes: { type: "string" },
      replication: { type: "string" },
      "virtual-nodes": { type: "string" },
    });
    const [name] = positionals(rest, 1, USAGE[0] as string) as [string];
    const body = {
      name,
      overlay: values.overlay ? choiceFlag(values.overlay, "--overlay", OVERLAYS) : "chord",
      nodes: values.nodes ? integerFlag(values.nodes, "--nodes") : 16,
      replication: values.replication ? integerFlag(values.replication, "--replication") : 3,
      ...(values["virtual-nodes"] && {
        virtualNodes: integerFlag(values["virtual-nodes"], "--virtual-nodes"),
      }),
    };
    printStatus(context, await context.client.request<RingStatus>("POST", "/v1/rings", body));
    return 0;
  },
  async status(context, args) {
    const name = optionalName(args, USAGE[1] as string);
    printStatus(context, await context.client.get<RingStatus>(ringPath(name)));
    return 0;
  },
  async join(context, args) {
    const name = optionalName(args, USAGE[2] as string);
    const joined = await context.client.request<{ id: string; version: number }>(
      "POST",
      ringPath(name, "/nodes"),
    );
    printChange(context, joined, `joined ${joined.id} (view version ${joined.version})`);
    return 0;
  },
  leave: (context, args) => remove(context, args, "leave"),
  fail: (context, args) => remove(context, args, "fail"),
};

export const ringCommand: Command = {
  name: "ring",
  summary: "create DHT rings, show their nodes, join, leave or fail a node",
  usage: "edgeos ring create|status|join|leave|fail …",
  help: [
    {
      name: "create",
      args: "NAME [--overlay chord|kademlia] [--nodes N] [--replication R] [--virtual-nodes V]",
      summary: "create a DHT ring of N nodes keeping R copies of every key",
      flags: [
        { flag: "--overlay O", text: "routing overlay, one of chord, kademlia", default: "chord" },
        { flag: "--nodes N", text: "nodes at creation, 1-128", default: "16" },
        { flag: "--replication R", text: "copies of every key, 1-5", default: "3" },
        { flag: "--virtual-nodes V", text: "virtual nodes per node, 1-8", default: "1" },
      ],
      example: "ring create photos --nodes 32 --replication 3",
    },
    {
      name: "status",
      args: "[NAME]",
      summary: "show every live node: predecessor, successor, routing entries, keys",
      example: "ring status photos",
    },
    {
      name: "join",
      args: "[NAME]",
      summary: "add one node to the ring; keys move to it",
      example: "ring join photos",
    },
    {
      name: "leave",
      args: "NODE [--ring NAME]",
      summary: "remove NODE gracefully: it hands its keys over first",
      flags: [RING_FLAG],
      example: "ring leave n3 --ring photos",
    },
    {
      name: "fail",
      args: "NODE [--ring NAME]",
      summary: "crash NODE without a handover (only with dev faults on)",
      flags: [RING_FLAG],
      example: "ring fail n3 --ring photos",
    },
  ],
  run: runSubcommand(SUBCOMMANDS, USAGE),
};

async function remove(
  context: CommandContext,
  args: string[],
  mode: "leave" | "fail",
): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, { ring: { type: "string" } });
  const [node] = positionals(rest, 1, USAGE[3] as string) as [string];
  const name = values.ring ?? "default";
  const removed = await context.client.request<{ id: string; version: number }>(
    "DELETE",
    ringPath(name, `/nodes/${encodeURIComponent(node)}?mode=${mode}`),
  );
  const verb = mode === "leave" ? "left" : "failed";
  printChange(context, removed, `${removed.id} ${verb} (view version ${removed.version})`);
  return 0;
}

function printChange(context: CommandContext, value: unknown, line: string): void {
  context.output.out(context.options.json ? JSON.stringify(value) : line);
}

function printStatus(context: CommandContext, ring: RingStatus): void {
  if (context.options.json) {
    context.output.out(JSON.stringify(ring));
    return;
  }
  context.output.out(
    `${ring.name}: ${ring.overlay}, ${ring.nodes.length} nodes, r = ${ring.replication}, ` +
      `${ring.virtualNodes} virtual per node, view version ${ring.version}`,
  );
  for (const node of ring.nodes) {
    const routing = node.fingers ?? node.contacts ?? 0;
    context.output.out(
      `${node.id.padEnd(8)} pred ${(node.predecessor ?? "-").padEnd(8)} succ ${(node.successors[0] ?? "-").padEnd(8)} ` +
        `routing ${String(routing).padStart(3)}  keys ${node.keys}${node.alarmSet ? "  (maintaining)" : ""}`,
    );
  }
}
