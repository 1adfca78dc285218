/**
 * `edgeos job submit|status|list|cancel|wait`: the scheduler's jobs from the shell.
 * `wait` (and `submit --wait`) polls until the job finishes, showing each state change.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CliError, type Command, type CommandContext, USAGE_EXIT_CODE } from "../command";

/** How often `wait` polls. */
export const WAIT_POLL_MS = 250;
/** How long `wait` waits by default before giving up (exit 1). */
export const DEFAULT_WAIT_TIMEOUT_S = 120;

interface JobView {
  id: string;
  kind: string;
  state: string;
  site: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  finishedAt: string | null;
  result: unknown;
  error: string | null;
}

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

const SUBCOMMANDS: Record<string, (context: CommandContext, args: string[]) => Promise<number>> = {
  submit: submitJob,
  status: async (context, args) => {
    const job = await context.client.get<JobView>(
      `/v1/jobs/${encodeURIComponent(single(args, "job status ID"))}`,
    );
    printJob(context, job);
    return 0;
  },
  list: listJobs,
  cancel: async (context, args) => {
    const id = single(args, "job cancel ID");
    printJob(
      context,
      await context.client.request<JobView>("DELETE", `/v1/jobs/${encodeURIComponent(id)}`),
    );
    return 0;
  },
  wait: async (context, args) => {
    const { values, positionals } = parse(args, { "timeout-s": { type: "string" } });
    return waitFor(context, single(positionals, "job wait ID"), seconds(values["timeout-s"]));
  },
};

export const jobCommand: Command = {
  name: "job",
  summary: "submit, inspect, list, cancel and wait for jobs",
  usage: "edgeos job submit|status|list|cancel|wait …",
  async run(context, args) {
    const [sub, ...rest] = args;
    const handler = sub ? SUBCOMMANDS[sub] : undefined;
    if (!handler) {
      throw new CliError(
        [
          "usage:",
          "  edgeos job submit KIND (--input JSON | --input-file FILE) [--origin LAT,LON] [--idempotency-key K] [--timeout-ms N] [--max-attempts N] [--wait]",
          "  edgeos job status ID | cancel ID | wait ID [--timeout-s N]",
          "  edgeos job list [--state STATE] [--limit N]",
        ].join("\n"),
        USAGE_EXIT_CODE,
      );
    }
    return handler(context, rest);
  },
};

async function submitJob(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    input: { type: "string" },
    "input-file": { type: "string" },
    origin: { type: "string" },
    "idempotency-key": { type: "string" },
    "timeout-ms": { type: "string" },
    "max-attempts": { type: "string" },
    wait: { type: "boolean" },
  });
  const kind = single(positionals, "job submit KIND");
  const body: Record<string, unknown> = {
    kind,
    input: readInput(values.input, values["input-file"]),
  };
  if (values.origin) body.origin = parseOrigin(values.origin);
  if (values["idempotency-key"]) body.idempotencyKey = values["idempotency-key"];
  if (values["timeout-ms"]) body.timeoutMs = integer(values["timeout-ms"], "--timeout-ms");
  if (values["max-attempts"]) body.maxAttempts = integer(values["max-attempts"], "--max-attempts");
  const { id, state } = await context.client.request<{ id: string; state: string }>(
    "POST",
    "/v1/jobs",
    body,
  );
  if (values.wait) return waitFor(context, id, DEFAULT_WAIT_TIMEOUT_S);
  context.output.out(context.options.json ? JSON.stringify({ id, state }) : `${id} ${state}`);
  return 0;
}

async function listJobs(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    state: { type: "string" },
    limit: { type: "string" },
  });
  if (positionals.length > 0)
    throw new CliError("job list takes no positional arguments", USAGE_EXIT_CODE);
  const query = new URLSearchParams();
  if (values.state) query.set("state", values.state);
  if (values.limit) query.set("limit", String(integer(values.limit, "--limit")));
  const { items } = await context.client.get<{ items: JobView[] }>(`/v1/jobs?${query}`);
  if (context.options.json) {
    context.output.out(JSON.stringify(items));
    return 0;
  }
  for (const job of items) {
    context.output.out(
      `${job.id}  ${job.kind.padEnd(10)} ${job.state.padEnd(10)} ${job.site ?? "-"}  ${job.createdAt}`,
    );
  }
  return 0;
}

/** Polls until the job finishes; exit 0 if it succeeded, 1 otherwise or on timeout. */
async function waitFor(context: CommandContext, id: string, timeoutS: number): Promise<number> {
  const deadline = Date.now() + timeoutS * 1000;
  let shown = "";
  for (;;) {
    const job = await context.client.get<JobView>(`/v1/jobs/${encodeURIComponent(id)}`);
    const progress = `${job.state}${job.site ? ` at ${job.site}` : ""}${job.attempts ? ` (attempt ${job.attempts}/${job.maxAttempts})` : ""}`;
    if (progress !== shown) {
      context.output.err(`${id}: ${progress}`);
      shown = progress;
    }
    if (FINISHED.has(job.state)) {
      printJob(context, job);
      return job.state === "succeeded" ? 0 : 1;
    }
    if (Date.now() > deadline)
      throw new CliError(`job ${id} still ${job.state} after ${timeoutS} s`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

function printJob({ output, options }: CommandContext, job: JobView): void {
  if (options.json) {
    output.out(JSON.stringify(job));
    return;
  }
  output.out(
    `${job.id}  ${job.kind}  ${job.state}${job.site ? ` at ${job.site}` : ""}  attempts ${job.attempts}/${job.maxAttempts}`,
  );
  if (job.error) output.out(`  error   ${job.error}`);
  if (job.state === "succeeded") output.out(`  result  ${JSON.stringify(job.result)}`);
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message, USAGE_EXIT_CODE);
  }
}

function single(args: string[], usage: string): string {
  if (args.length !== 1 || !args[0]) throw new CliError(`usage: edgeos ${usage}`, USAGE_EXIT_CODE);
  return args[0];
}

function readInput(inline: string | undefined, file: string | undefined): unknown {
  if ((inline === undefined) === (file === undefined)) {
    throw new CliError(
      "give the job input with exactly one of --input JSON or --input-file FILE",
      USAGE_EXIT_CODE,
    );
  }
  let text = inline as string;
  if (file !== undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, USAGE_EXIT_CODE);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError("the job input is not valid JSON", USAGE_EXIT_CODE);
  }
}

function parseOrigin(text: string): { lat: number; lon: number } {
  const [lat, lon, extra] = text.split(",").map(Number);
  if (extra !== undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    throw new CliError(`--origin must be LAT,LON, got "${text}"`, USAGE_EXIT_CODE);
  }
  return { lat: lat as number, lon: lon as number };
}

function integer(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new CliError(`${flag} must be an integer, got "${text}"`, USAGE_EXIT_CODE);
  return value;
}

function seconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WAIT_TIMEOUT_S;
  const value = Number(text);
  if (!(value > 0))
    throw new CliError(`--timeout-s must be a positive number, got "${text}"`, USAGE_EXIT_CODE);
  return value;
}
