import { describe, expect, it } from "vitest";
import type { JobDetail } from "../../../workers/ui/api-types";
import { jobView, MAX_RESULT_CHARS } from "../../../workers/ui/job-view";
import { jobsMap } from "../../../workers/ui/jobs-map";

const NOW = Date.parse("2026-01-01T12:00:10.000Z");

function detail(over: Partial<JobDetail>): JobDetail {
  return {
    id: "0b4f6a52-3c1e-4b8e-9a55-2f7d1c9e0a11",
    kind: "sha256",
    state: "running",
    site: "NRT",
    attempts: 2,
    maxAttempts: 3,
    timeoutMs: 30_000,
    origin: { lat: 35.7, lon: 139.7 },
    idempotencyKey: null,
    createdAt: "2026-01-01T12:00:00.000Z",
    placedAt: "2026-01-01T12:00:01.000Z",
    startedAt: "2026-01-01T12:00:02.000Z",
    finishedAt: null,
    result: null,
    error: "boom",
    attemptLog: [
      {
        attempt: 1,
        site: "NRT",
        placedAt: "2026-01-01T12:00:00.020Z",
        startedAt: "2026-01-01T12:00:00.040Z",
        endedAt: "2026-01-01T12:00:00.052Z",
        outcome: "failed",
        error: "boom",
      },
      {
        attempt: 2,
        site: "NRT",
        placedAt: "2026-01-01T12:00:01.000Z",
        startedAt: "2026-01-01T12:00:02.000Z",
        endedAt: null,
        outcome: null,
        error: null,
      },
    ],
    ...over,
  };
}

const render = async (job: JobDetail) =>
  String(await jobView({ id: job.id, job: { ok: true, value: job }, nowMs: NOW }));

describe("a job's page", () => {
  it("shows each attempt's outcome and how long it ran, a running one so far", async () => {
    const page = await render(detail({}));
    expect(page).toContain('<tr data-attempt="1">');
    expect(page).toMatch(/12 ms<\/td>\s*<td class="outcome">failed <span class="problem">boom/);
    expect(page).toMatch(/8\.0 s so far<\/td>\s*<td class="outcome">running/);
    expect(page).toContain("NRT (Tokyo");
    expect(page).toContain("Last problem: boom");
  });

  it("shows a result, cut when long, and a failed job's error", async () => {
    const done = await render(
      detail({ state: "succeeded", result: { sha256: "ab" }, error: null }),
    );
    expect(done).toContain('<pre id="result">{\n  &quot;sha256&quot;: &quot;ab&quot;\n}</pre>');
    const long = await render(
      detail({ state: "succeeded", result: "x".repeat(2 * MAX_RESULT_CHARS) }),
    );
    expect(long).toContain(`The first ${MAX_RESULT_CHARS.toLocaleString("en-US")} characters`);
    const failed = await render(
      detail({ state: "failed", error: "failed after 3 attempt(s): boom" }),
    );
    expect(failed).toContain('<p class="problem" id="error">failed after 3 attempt(s): boom</p>');
  });

  it("says why the job is missing", async () => {
    const page = String(
      await jobView({ id: "nope", job: { ok: false, status: 400, detail: "bad id" }, nowMs: NOW }),
    );
    expect(page).toContain("Unavailable (400): bad id");
  });
});

describe("the jobs map", () => {
  it("marks executor sites and draws the last placement from origin to site", async () => {
    const map = String(await jobsMap([detail({})], NOW));
    expect(map).toMatch(
      /data-site="NRT"><title>NRT, Tokyo: 1 job<\/title>\s*<circle cx="320\.4" cy="54\.2" r="3\.5"\/>/,
    );
    expect(map).toMatch(
      /<g class="assign" data-job="0b4f6a52[^"]*"><line x1="319\.7" y1="54\.3" x2="320\.4" y2="54\.2"\/><circle class="origin" cx="319\.7" cy="54\.3" r="1"\/>/,
    );
    expect(map).toContain("the last placement, <time");
  });

  it("draws no line and no site before any job was placed", async () => {
    const map = String(await jobsMap([detail({ site: null, placedAt: null })], NOW));
    expect(map).not.toContain("data-site=");
    expect(map).not.toContain('class="assign"');
    expect(map).toContain("none yet");
  });
});
