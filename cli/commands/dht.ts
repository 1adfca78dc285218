/**
 * `edgeos dht put|get|del` on a DHT ring (`--ring`, default `default`), with
 * `--routing onehop|overlay`. Keys are URL-encoded on the way, so any key works; each line
 * ends with the node that served the key and the routing hops taken.
 */
import type { Command, CommandContext } from "../command";
import { choiceFlag, parseFlags, pickSubcommand, positionals } from "./args";

interface KeyAnswer {
  key: string;
  value?: string;
  version?: number;
  node: string | null;
  hops: number;
}

const USAGE = [
  "dht put KEY VALUE [--ring NAME] [--routing onehop|overlay]",
  "dht get KEY [--ring NAME] [--routing onehop|overlay]",
  "dht del KEY [--ring NAME] [--routing onehop|overlay]",
];

const FLAGS = { ring: { type: "string" }, routing: { type: "string" } } as const;

type Handler = (context: CommandContext, args: string[]) => Promise<number>;

const ROUTINGS = ["onehop", "overlay"] as const;

const FLAG_HELP = [
  { flag: "--ring NAME", text: "the ring", default: "default" },
  {
    flag: "--routing R",
    text: "onehop (to the owner) or overlay (hop by hop)",
    default: "onehop",
  },
];

function keyPath(values: { ring?: string; routing?: string }, key: string): string {
  const routing = values.routing && choiceFlag(values.routing, "--routing", ROUTINGS);
  const query = routing ? `?routing=${routing}` : "";
  return `/v1/rings/${encodeURIComponent(values.ring ?? "default")}/keys/${encodeURIComponent(key)}${query}`;
}

const SUBCOMMANDS: Record<string, Handler> = {
  async put(context, args) {
    const { values, positionals: rest } = parseFlags(args, FLAGS);
    const [key, value] = positionals(rest, 2, USAGE[0] as string) as [string, string];
    const answer = await context.client.request<KeyAnswer>("PUT", keyPath(values, key), { value });
    const version = answer.version === undefined ? "" : `, version ${answer.version}`;
    print(context, answer, `${answer.key} stored${version}`);
    return 0;
  },
  async get(context, args) {
    const { values, positionals: rest } = parseFlags(args, FLAGS);
    const [key] = positionals(rest, 1, USAGE[1] as string) as [string];
    const answer = await context.client.get<KeyAnswer>(keyPath(values, key));
    print(context, answer, answer.value ?? "");
    return 0;
  },
  async del(context, args) {
    const { values, positionals: rest } = parseFlags(args, FLAGS);
    const [key] = positionals(rest, 1, USAGE[2] as string) as [string];
    const answer = await context.client.request<KeyAnswer>("DELETE", keyPath(values, key));
    print(context, answer, `${answer.key} deleted`);
    return 0;
  },
};

export const dhtCommand: Command = {
  name: "dht",
  summary: "put, get and delete keys of a DHT ring",
  usage: "edgeos dht put|get|del …",
  help: [
    {
      name: "put",
      args: "KEY VALUE [--ring NAME] [--routing onehop|overlay]",
      summary: "store KEY = VALUE on its replica set; prints the version stored",
      flags: FLAG_HELP,
      example: "dht put cat/1 meow --ring photos",
    },
    {
      name: "get",
      args: "KEY [--ring NAME] [--routing onehop|overlay]",
      summary: "print the value of KEY (the serving node and hops go to stderr)",
      flags: FLAG_HELP,
      example: "dht get cat/1 --ring photos --routing overlay",
    },
    {
      name: "del",
      args: "KEY [--ring NAME] [--routing onehop|overlay]",
      summary: "delete KEY from its replica set",
      flags: FLAG_HELP,
      example: "dht del cat/1 --ring photos",
    },
  ],
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};

function print(context: CommandContext, answer: KeyAnswer, line: string): void {
  if (context.options.json) {
    context.output.out(JSON.stringify(answer));
    return;
  }
  context.output.out(line);
  context.output.err(`(node ${answer.node ?? "-"}, ${answer.hops} hops)`);
}
