/**
 * `edgeos job submit|status|list|cancel|wait`: the scheduler's jobs from the shell.
 * `wait` (and `submit --wait`) polls until the job finishes, showing each state change.
 */
import { readFileSync } from "node:fs";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { Command, CommandContext } from "../command";
import { choiceFlag, integerFlag, parseFlags, pickSubcommand, positionals } from "./args";

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
      `/v1/jobs/${encodeURIComponent(positionals(args, 1, "job status ID")[0] as string)}`,
    );
    printJob(context, job);
    return 0;
  },
  list: listJobs,
  cancel: async (context, args) => {
    const [id] = positionals(args, 1, "job cancel ID") as [string];
    printJob(
      context,
      await context.client.request<JobView>("DELETE", `/v1/jobs/${encodeURIComponent(id)}`),
    );
    return 0;
  },
  wait: async (context, args) => {
    const { values, positionals: rest } = parseFlags(args, { "timeout-s": { type: "string" } });
    const [id] = positionals(rest, 1, "job wait ID") as [string];
    return waitFor(context, id, seconds(values["timeout-s"]));
  },
};

const JOB_STATES = ["queued", "placed", "running", "succeeded", "failed", "cancelled"] as const;

const HELP: Command["help"] = [
  {
    name: "submit",
    args: "KIND (--input JSON | --input-file FILE) [--origin LAT,LON] [--idempotency-key K] [--timeout-ms N] [--max-attempts N] [--wait]",
    summary: "submit a job of KIND (sha256, wordcount, kmeans, linreg); prints its id",
    flags: [
      { flag: "--input JSON", text: "the job input as JSON" },
      { flag: "--input-file FILE", text: "read the JSON input from FILE" },
      { flag: "--origin LAT,LON", text: "where the job's user is", default: "the caller's colo" },
      { flag: "--idempotency-key K", text: "resubmitting with K returns the same job" },
      { flag: "--timeout-ms N", text: "deadline of one attempt", default: "the server's" },
      { flag: "--max-attempts N", text: "attempts before it fails", default: "the server's" },
      { flag: "--wait", text: "wait until the job finishes and print it" },
    ],
    example: `job submit sha256 --input '{"text":"hello"}' --origin 48.86,2.35 --wait`,
  },
  { name: "status", args: "ID", summary: "show one job", example: "job status 01J9ZK3" },
  {
    name: "list",
    args: "[--state STATE] [--limit N]",
    summary: "list jobs, newest first",
    flags: [
      { flag: "--state STATE", text: `only jobs in STATE: ${JOB_STATES.join(", ")}` },
      { flag: "--limit N", text: "most jobs listed, 1-100", default: "20" },
    ],
    example: "job list --state succeeded --limit 5",
  },
  {
    name: "cancel",
    args: "ID",
    summary: "cancel a job that has not finished",
    example: "job cancel 01J9ZK3",
  },
  {
    name: "wait",
    args: "ID [--timeout-s N]",
    summary: "poll until the job finishes; exit 0 only if it succeeded",
    flags: [
      {
        flag: "--timeout-s N",
        text: "give up after N seconds",
        default: String(DEFAULT_WAIT_TIMEOUT_S),
      },
    ],
    example: "job wait 01J9ZK3 --timeout-s 30",
  },
];

export const jobCommand: Command = {
  name: "job",
  summary: "submit, inspect, list, cancel and wait for jobs",
  usage: "edgeos job submit|status|list|cancel|wait …",
  help: HELP,
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, [
      "job submit KIND (--input JSON | --input-file FILE) [--origin LAT,LON] [--idempotency-key K] [--timeout-ms N] [--max-attempts N] [--wait]",
      "job status ID | cancel ID | wait ID [--timeout-s N]",
      "job list [--state STATE] [--limit N]",
    ]);
    return handler(context, rest);
  },
};

async function submitJob(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, {
    input: { type: "string" },
    "input-file": { type: "string" },
    origin: { type: "string" },
    "idempotency-key": { type: "string" },
    "timeout-ms": { type: "string" },
    "max-attempts": { type: "string" },
    wait: { type: "boolean" },
  });
  const [kind] = positionals(rest, 1, "job submit KIND") as [string];
  const body: Record<string, unknown> = {
    kind,
    input: readInput(values.input, values["input-file"]),
  };
  if (values.origin) body.origin = parseOrigin(values.origin);
  if (values["idempotency-key"]) body.idempotencyKey = values["idempotency-key"];
  if (values["timeout-ms"]) body.timeoutMs = integerFlag(values["timeout-ms"], "--timeout-ms");
  if (values["max-attempts"])
    body.maxAttempts = integerFlag(values["max-attempts"], "--max-attempts");
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
  const { values, positionals: rest } = parseFlags(args, {
    state: { type: "string" },
    limit: { type: "string" },
  });
  positionals(rest, 0, "job list [--state STATE] [--limit N]");
  const query = new URLSearchParams();
  if (values.state) query.set("state", choiceFlag(values.state, "--state", JOB_STATES));
  if (values.limit) query.set("limit", String(integerFlag(values.limit, "--limit")));
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

function seconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WAIT_TIMEOUT_S;
  const value = Number(text);
  if (!(value > 0))
    throw new CliError(`--timeout-s must be a positive number, got "${text}"`, USAGE_EXIT_CODE);
  return value;
}
