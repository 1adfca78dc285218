/**
 * `edgeos fs` — files of a volume (`--volume`, default `default`): put, get and cat stream
 * bytes (with a progress line on a terminal for large files), ls lists a directory (every
 * page; `-l` for sizes and times), mkdir, mv, rm, stat and du.
 */
import { basename } from "node:path";
import { CliError } from "../cli-error";
import type { Command, CommandContext, FlagHelp } from "../command";
import { downloadFile, type Progress, uploadFile, volumePath } from "../fs-transfer";
import { parseFlags, pickSubcommand, positionals } from "./args";

interface Entry {
  name: string;
  type: "file" | "dir";
  size: number;
  mtime: number;
  etag: string;
}

const VOLUME = { volume: { type: "string" } } as const;
const VOLUME_HELP: FlagHelp = { flag: "--volume V", text: "the volume", default: "default" };
/** Files smaller than this get no progress line. */
const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;

const USAGE = [
  "fs put LOCAL REMOTE [--volume V]",
  "fs get REMOTE [LOCAL] [--volume V]",
  "fs cat REMOTE [--volume V]",
  "fs ls [PATH] [-l] [--volume V]",
  "fs mkdir [-p] PATH [--volume V]",
  "fs mv FROM TO [--volume V]",
  "fs rm [-r] PATH [--volume V]",
  "fs stat PATH [--volume V]",
  "fs du [PATH] [--volume V]",
];

type Handler = (context: CommandContext, args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, Handler> = {
  async put(context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    const [local, remote] = positionals(rest, 2, USAGE[0] as string) as [string, string];
    const written = await uploadFile(
      context.client,
      volumeOf(values),
      local,
      remote,
      progressLine(),
    );
    if (context.options.json) context.output.out(JSON.stringify(written));
    else
      context.output.out(`${written.path}  ${written.size} bytes  sha256 ${written.sha256 ?? "-"}`);
    return 0;
  },
  async get(context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    if (rest.length < 1 || rest.length > 2) usage(1);
    const [remote, local = basename(rest[0] as string)] = rest as [string, string?];
    const got = await downloadFile(context.client, volumeOf(values), remote, local, progressLine());
    context.output.out(`${local}  ${got.size} bytes  sha256 ${got.sha256}`);
    return 0;
  },
  async cat(_context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    const [remote] = positionals(rest, 1, USAGE[2] as string) as [string];
    await downloadFile(_context.client, volumeOf(values), remote, process.stdout, () => {});
    return 0;
  },
  async ls(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      ...VOLUME,
      long: { type: "boolean", short: "l" },
    });
    if (rest.length > 1) usage(3);
    const entries = await listAll(context, volumeOf(values), rest[0] ?? "/");
    if (context.options.json) context.output.out(JSON.stringify(entries));
    else
      for (const entry of entries)
        context.output.out(values.long ? longLine(entry) : shortName(entry));
    return 0;
  },
  async mkdir(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      ...VOLUME,
      parents: { type: "boolean", short: "p" },
    });
    const [path] = positionals(rest, 1, USAGE[4] as string) as [string];
    const query = values.parents ? "?parents=true" : "";
    const made = await context.client.request<{ created: string[] }>(
      "POST",
      `${volumePath(volumeOf(values), "dirs", path)}${query}`,
    );
    context.output.out(made.created.length ? `created ${made.created.join(", ")}` : "exists");
    return 0;
  },
  async mv(context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    const [from, to] = positionals(rest, 2, USAGE[5] as string) as [string, string];
    await context.client.request(
      "POST",
      `/v1/volumes/${encodeURIComponent(volumeOf(values))}/rename`,
      {
        from: absolute(from),
        to: absolute(to),
      },
    );
    context.output.out(`${absolute(from)} -> ${absolute(to)}`);
    return 0;
  },
  async rm(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      ...VOLUME,
      recursive: { type: "boolean", short: "r" },
    });
    const [path] = positionals(rest, 1, USAGE[6] as string) as [string];
    const volume = volumeOf(values);
    const kind = await kindOf(context, volume, path);
    if (kind === "file") {
      await context.client.request("DELETE", volumePath(volume, "files", path));
      context.output.out(`removed ${absolute(path)}`);
      return 0;
    }
    const query = values.recursive ? "?recursive=true" : "";
    const gone = await context.client.request<{ files: number; dirs: number }>(
      "DELETE",
      `${volumePath(volume, "dirs", path)}${query}`,
    );
    context.output.out(`removed ${absolute(path)} (${gone.files} files, ${gone.dirs} directories)`);
    return 0;
  },
  async stat(context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    const [path] = positionals(rest, 1, USAGE[7] as string) as [string];
    const volume = volumeOf(values);
    const head = await context.client
      .send("HEAD", volumePath(volume, "files", path))
      .catch((error: unknown) => {
        if (error instanceof CliError && error.message.startsWith("409")) return null;
        throw error;
      });
    if (!head) {
      context.output.out(`${absolute(path)}  directory`);
      return 0;
    }
    const fields = {
      path: absolute(path),
      type: "file",
      size: Number(head.headers.get("content-length")),
      etag: head.headers.get("etag"),
      sha256: head.headers.get("edgeos-sha256"),
      modified: head.headers.get("last-modified"),
    };
    if (context.options.json) context.output.out(JSON.stringify(fields));
    else
      for (const [name, value] of Object.entries(fields)) context.output.out(`${name}: ${value}`);
    return 0;
  },
  async du(context, args) {
    const { values, positionals: rest } = parseFlags(args, VOLUME);
    if (rest.length > 1) usage(8);
    const root = rest[0] ?? "/";
    const total = await diskUsage(context, volumeOf(values), root);
    context.output.out(`${total.bytes} bytes in ${total.files} files  ${absolute(root)}`);
    return 0;
  },
};

export const fsCommand: Command = {
  name: "fs",
  summary: "files and directories of a volume",
  usage: "edgeos fs put|get|cat|ls|mkdir|mv|rm|stat|du …",
  help: [
    {
      name: "put",
      args: "LOCAL REMOTE [--volume V]",
      summary: "upload a local file (streamed)",
      flags: [VOLUME_HELP],
      example: "fs put big.iso /isos/big.iso",
    },
    {
      name: "get",
      args: "REMOTE [LOCAL] [--volume V]",
      summary: "download a file, checking its SHA-256",
      flags: [VOLUME_HELP],
      example: "fs get /isos/big.iso copy.iso",
    },
    {
      name: "cat",
      args: "REMOTE [--volume V]",
      summary: "write a file to standard output",
      flags: [VOLUME_HELP],
      example: "fs cat /notes/todo.txt",
    },
    {
      name: "ls",
      args: "[PATH] [-l] [--volume V]",
      summary: "list a directory (every page)",
      flags: [{ flag: "-l", text: "sizes, times and etags" }, VOLUME_HELP],
      example: "fs ls /isos -l",
    },
    {
      name: "mkdir",
      args: "[-p] PATH [--volume V]",
      summary: "make a directory",
      flags: [{ flag: "-p", text: "make missing parents too" }, VOLUME_HELP],
      example: "fs mkdir -p /isos/linux",
    },
    {
      name: "mv",
      args: "FROM TO [--volume V]",
      summary: "rename a file or directory (atomic)",
      flags: [VOLUME_HELP],
      example: "fs mv /isos/big.iso /archive/big.iso",
    },
    {
      name: "rm",
      args: "[-r] PATH [--volume V]",
      summary: "remove a file or an empty directory",
      flags: [{ flag: "-r", text: "a directory and all under it" }, VOLUME_HELP],
      example: "fs rm -r /tmp",
    },
    {
      name: "stat",
      args: "PATH [--volume V]",
      summary: "a file's size, etag, SHA-256 and time",
      flags: [VOLUME_HELP],
      example: "fs stat /isos/big.iso",
    },
    {
      name: "du",
      args: "[PATH] [--volume V]",
      summary: "bytes and files under a directory",
      flags: [VOLUME_HELP],
      example: "fs du /isos",
    },
  ],
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};

function volumeOf(values: { volume?: string }): string {
  return values.volume ?? "default";
}

function absolute(path: string): string {
  return `/${path.replace(/^\/+/, "")}`;
}

function usage(line: number): never {
  throw new CliError(`usage: edgeos ${USAGE[line]}`, 2);
}

/** Every entry of a directory, following the listing's cursor page by page. */
async function listAll(context: CommandContext, volume: string, path: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor: string | undefined;
  do {
    const query = `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await context.client.get<{ entries: Entry[]; cursor?: string }>(
      `${volumePath(volume, "dirs", path)}${query}`,
    );
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return entries;
}

async function kindOf(
  context: CommandContext,
  volume: string,
  path: string,
): Promise<"file" | "dir"> {
  try {
    await context.client.send("HEAD", volumePath(volume, "files", path));
    return "file";
  } catch (error) {
    if (error instanceof CliError && error.message.startsWith("409")) return "dir";
    throw error;
  }
}

async function diskUsage(
  context: CommandContext,
  volume: string,
  path: string,
): Promise<{ bytes: number; files: number }> {
  const total = { bytes: 0, files: 0 };
  for (const entry of await listAll(context, volume, path)) {
    if (entry.type === "file") {
      total.bytes += entry.size;
      total.files += 1;
    } else {
      const inner = await diskUsage(context, volume, `${path.replace(/\/+$/, "")}/${entry.name}`);
      total.bytes += inner.bytes;
      total.files += inner.files;
    }
  }
  return total;
}

function shortName(entry: Entry): string {
  return entry.type === "dir" ? `${entry.name}/` : entry.name;
}

function longLine(entry: Entry): string {
  const when = new Date(entry.mtime).toISOString().slice(0, 19).replace("T", " ");
  return `${entry.type === "dir" ? "d" : "-"}  ${String(entry.size).padStart(12)}  ${when}  ${shortName(entry)}`;
}

/** A progress line on a terminal's stderr for transfers of `PROGRESS_FROM_BYTES` or more. */
function progressLine(): Progress {
  const started = Date.now();
  let last = 0;
  return (done, total) => {
    if (!process.stderr.isTTY || total < PROGRESS_FROM_BYTES) return;
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const mib = (n: number) => (n / 1048576).toFixed(1);
    const rate = done / 1048576 / Math.max(0.001, (now - started) / 1000);
    process.stderr.write(`\r${mib(done)} / ${mib(total)} MiB  ${rate.toFixed(1)} MiB/s`);
    if (done >= total) process.stderr.write("\n");
  };
}
