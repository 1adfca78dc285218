/** `edgeos volume create|status|gc` — the volumes of the file system. */
import type { Command, CommandContext } from "../command";
import { parseFlags, pickSubcommand, positionals } from "./args";

const USAGE = [
  "volume create NAME [--group G] [--ring R]",
  "volume status [NAME]",
  "volume gc [NAME]",
];

type Handler = (context: CommandContext, args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, Handler> = {
  async create(context, args) {
    const { values, positionals: names } = parseFlags(args, {
      group: { type: "string" },
      ring: { type: "string" },
    });
    const [name] = positionals(names, 1, USAGE[0] as string) as [string];
    const made = await context.client.request<{ name: string; group: string; ring: string }>(
      "POST",
      "/v1/volumes",
      {
        name,
        ...(values.group && { group: values.group }),
        ...(values.ring && { ring: values.ring }),
      },
    );
    context.output.out(
      context.options.json
        ? JSON.stringify(made)
        : `volume ${made.name} created (group ${made.group}, ring ${made.ring})`,
    );
    return 0;
  },
  async gc(context, args) {
    const { positionals: names } = parseFlags(args, {});
    if (names.length > 1) positionals(names, 1, USAGE[2] as string);
    const name = names[0] ?? "default";
    const done = await context.client.request<{ listed: number; deleted: number }>(
      "POST",
      `/v1/volumes/${encodeURIComponent(name)}/gc`,
    );
    context.output.out(
      context.options.json
        ? JSON.stringify(done)
        : `deleted ${done.deleted} of ${done.listed} chunks in the ring of ${name}`,
    );
    return 0;
  },
  async status(context, args) {
    const { positionals: names } = parseFlags(args, {});
    if (names.length > 1) positionals(names, 1, USAGE[1] as string);
    const name = names[0] ?? "default";
    const status = await context.client.get<Record<string, unknown>>(
      `/v1/volumes/${encodeURIComponent(name)}`,
    );
    if (context.options.json) context.output.out(JSON.stringify(status));
    else
      for (const [field, value] of Object.entries(status)) context.output.out(`${field}: ${value}`);
    return 0;
  },
};

export const volumeCommand: Command = {
  name: "volume",
  summary: "create volumes and show their counts",
  usage: "edgeos volume create|status|gc …",
  help: [
    {
      name: "create",
      args: "NAME [--group G] [--ring R]",
      summary: "create a volume: its namespace in group G, its chunks in ring R",
      flags: [
        { flag: "--group G", text: "the consensus group", default: "default" },
        { flag: "--ring R", text: "the DHT ring", default: "default" },
      ],
      example: "volume create media --ring media",
    },
    {
      name: "gc",
      args: "[NAME]",
      summary: "delete the ring's chunks that no file or open upload uses",
      example: "volume gc media",
    },
    {
      name: "status",
      args: "[NAME]",
      summary: "files, bytes, chunks, dedup ratio and under-replicated chunks",
      example: "volume status media",
    },
  ],
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};
