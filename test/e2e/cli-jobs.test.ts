import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };
const ORIGIN = ["--origin", "35.7,139.7"];

async function submitAndWait(kind: string, input: unknown) {
  const run = await edgeos(
    ["--json", "job", "submit", kind, "--input", JSON.stringify(input), ...ORIGIN, "--wait"],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain("succeeded");
  return JSON.parse(run.stdout) as {
    id: string;
    state: string;
    site: string;
    result: Record<string, unknown>;
  };
}

describe("every job kind end to end through wrangler dev, from the CLI", () => {
  it("sha256 and wordcount", async () => {
    const hashed = await submitAndWait("sha256", { text: "abc" });
    expect(hashed.result.sha256).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(hashed.site).toMatch(/^[A-Z]{3}$/);
    const counted = await submitAndWait("wordcount", { text: "to be or not to be", top: 1 });
    expect(counted.result).toMatchObject({ words: 6, distinct: 4 });
  });

  it("kmeans and linreg, spread over several executors", async () => {
    const points = Array.from({ length: 200 }, (_, i) => [i % 2 ? 100 + (i % 3) : i % 3, 0]);
    const clustered = await submitAndWait("kmeans", { points, k: 2 });
    expect(clustered.result.shares).toBe(3);
    expect((clustered.result.sizes as number[]).sort()).toEqual([100, 100]);
    const x = Array.from({ length: 100 }, (_, i) => [i]);
    const fitted = await submitAndWait("linreg", { x, y: x.map(([v]) => 4 * (v as number) + 1) });
    expect((fitted.result.weights as number[])[0]).toBeCloseTo(4, 3);
  });

  it("lists, shows and refuses to cancel a finished job with a one-line problem", async () => {
    const job = await submitAndWait("sha256", { text: "listed" });
    const status = await edgeos(["job", "status", job.id], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("succeeded");
    const list = await edgeos(
      ["--json", "job", "list", "--state", "succeeded", "--limit", "50"],
      env,
    );
    expect((JSON.parse(list.stdout) as { id: string }[]).map((item) => item.id)).toContain(job.id);
    const cancel = await edgeos(["job", "cancel", job.id], env);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr.trim().split("\n")).toHaveLength(1);
    expect(cancel.stderr).toContain("409");
  });

  it("rejects bad job input with the field named and exit code 1", async () => {
    const run = await edgeos(["job", "submit", "sha256", "--input", '{"text": 1}', ...ORIGIN], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[body.input.text]");
  });
});

describe("edgeos place", () => {
  it("places jobs from a CSV and prints sites, loads and latency", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgeos-place-"));
    const csv = join(dir, "jobs.csv");
    const rows = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? `j${i},48.9,2.35` : `j${i},40.7,-74.0`,
    );
    writeFileSync(csv, ["id,lat,lon", ...rows].join("\n"));
    const run = await edgeos(["place", "--jobs", csv, "--k", "2"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/weur/);
    expect(run.stdout).toMatch(/enam/);
    expect(run.stdout).toMatch(/mean \d+\.\d ms, p95/);
  });
});
