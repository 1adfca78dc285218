/** `edgeos volume create|status|gc` — the volumes of the file system. */
import type { Command } from "../command";
import { parseFlags, positionals } from "./args";
import { optionalName, runSubcommand, type SubcommandHandler } from "./subcommands";

const USAGE = [
  "volume create NAME [--group G] [--ring R]",
  "volume status [NAME]",
  "volume gc [NAME]",
];

const SUBCOMMANDS: Record<string, SubcommandHandler> = {
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
    const name = optionalName(args, USAGE[2] as string);
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
    const name = optionalName(args, USAGE[1] as string);
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
  run: runSubcommand(SUBCOMMANDS, USAGE),
};
