/**
 * `edgeos place --jobs FILE.csv --k N [--capacity C] [--sites colos|regions|IATA,…] [--seed S]`:
 * asks `POST /v1/placement` where to run a set of jobs and prints the sites, their loads
 * and the modelled latency. The CSV has a header with `lat` and `lon` columns and
 * optionally `id` and `demand`.
 */
import { readFileSync } from "node:fs";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { Command } from "../command";
import { parseFlags } from "./args";

interface PlacementResult {
  sites: {
    iata: string;
    city: string;
    hint: string;
    load: number;
    capacity: number | null;
    jobs: number;
    meanLatencyMs: number;
  }[];
  meanLatencyMs: number;
  p95LatencyMs: number;
  overflow: number;
  cpuMs: number;
}

const USAGE =
  "edgeos place --jobs FILE.csv --k N [--capacity C] [--sites colos|regions|IATA,…] [--seed S]";

export const placeCommand: Command = {
  name: "place",
  summary: "choose edge sites for jobs in a CSV (lat,lon[,id,demand])",
  usage: USAGE,
  help: [
    {
      args: "--jobs FILE.csv --k N [--capacity C] [--sites colos|regions|IATA,…] [--seed S]",
      summary:
        "Choose K edge sites for the jobs in a CSV (header: lat,lon and optionally id,demand) and balance the jobs over them.",
      flags: [
        { flag: "--jobs FILE.csv", text: "the jobs, one per row (required)" },
        { flag: "--k N", text: "how many sites to choose (required)" },
        { flag: "--capacity C", text: "most demand per site", default: "no limit" },
        { flag: "--sites S", text: "candidates: colos, regions or IATA codes", default: "colos" },
        { flag: "--seed S", text: "seed of the k-means start", default: "the server's" },
      ],
      example: "place --jobs jobs.csv --k 8 --capacity 100",
    },
  ],
  async run({ client, output, options }, args) {
    const { values, positionals: rest } = parseFlags(args, {
      jobs: { type: "string" },
      k: { type: "string" },
      capacity: { type: "string" },
      sites: { type: "string" },
      seed: { type: "string" },
    });
    if (rest.length > 0) throw new CliError(`usage: ${USAGE}`, USAGE_EXIT_CODE);
    if (!values.jobs || !values.k) throw new CliError(`usage: ${USAGE}`, USAGE_EXIT_CODE);
    const body: Record<string, unknown> = { jobs: readJobsCsv(values.jobs), k: Number(values.k) };
    if (values.capacity) body.capacity = Number(values.capacity);
    if (values.seed) body.seed = Number(values.seed);
    if (values.sites)
      body.sites = ["colos", "regions"].includes(values.sites)
        ? values.sites
        : values.sites.split(",");
    const result = await client.request<PlacementResult>("POST", "/v1/placement", body);
    if (options.json) {
      output.out(JSON.stringify(result));
      return 0;
    }
    output.out("site  hint  city                      jobs     load  capacity  mean ms");
    for (const site of result.sites) {
      output.out(
        `${site.iata.padEnd(5)} ${site.hint.padEnd(5)} ${site.city.slice(0, 24).padEnd(24)} ${String(site.jobs).padStart(6)} ${site.load.toFixed(0).padStart(8)} ${String(site.capacity ?? "-").padStart(9)} ${site.meanLatencyMs.toFixed(1).padStart(8)}`,
      );
    }
    output.out(
      `mean ${result.meanLatencyMs.toFixed(1)} ms, p95 ${result.p95LatencyMs.toFixed(1)} ms, overflow ${result.overflow}, computed in ${result.cpuMs} ms`,
    );
    return 0;
  },
};

/** Reads jobs from a CSV with a header row naming at least `lat` and `lon`. */
function readJobsCsv(path: string): { id: string; lat: number; lon: number; demand?: number }[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, USAGE_EXIT_CODE);
  }
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const columns = (header ?? "").split(",").map((name) => name.trim().toLowerCase());
  const at = (name: string) => columns.indexOf(name);
  if (at("lat") < 0 || at("lon") < 0)
    throw new CliError(`${path}: the header needs lat and lon columns`, USAGE_EXIT_CODE);
  return rows.map((row, i) => {
    const cells = row.split(",").map((cell) => cell.trim());
    const number = (name: string) => {
      const value = Number(cells[at(name)]);
      if (cells[at(name)] === "" || !Number.isFinite(value)) {
        throw new CliError(`${path}:${i + 2}: ${name} is not a number`, USAGE_EXIT_CODE);
      }
      return value;
    };
    const job: { id: string; lat: number; lon: number; demand?: number } = {
      id: at("id") >= 0 ? (cells[at("id")] ?? `job-${i + 1}`) : `job-${i + 1}`,
      lat: number("lat"),
      lon: number("lon"),
    };
    if (at("demand") >= 0) job.demand = number("demand");
    return job;
  });
}
