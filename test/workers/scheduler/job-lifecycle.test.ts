import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rpcOk } from "../../../shared/rpc-result";
import type { JobAttempt } from "../../../workers/ui/api-types";
import { abortObject } from "../abort-object";
import { curvePoints, FRANKFURT, getJob, submit, waitForJob } from "./jobs-api";

describe("job lifecycle through the API", () => {
  it("returns the first job for a repeated idempotency key", async () => {
    const request = {
      kind: "sha256",
      input: { text: "once" },
      origin: FRANKFURT,
      idempotencyKey: "k-1",
    };
    const first = await submit(request);
    const second = await submit({ ...request, input: { text: "different" } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const list = (await (await SELF.fetch("http://edgeos.test/v1/jobs?limit=100")).json()) as {
      items: { idempotencyKey: string }[];
    };
    expect(list.items.filter((job) => job.idempotencyKey === "k-1")).toHaveLength(1);
  });

  it("retries a failing attempt with backoff up to maxAttempts, then fails with the reason", async () => {
    const x = Array.from({ length: 60 }, (_, i) => Array.from({ length: 32 }, () => i));
    const y = x.map((_, i) => i);
    const { body } = await submit({
      kind: "linreg",
      input: { x, y, learningRate: 1, iterations: 400 },
      origin: FRANKFURT,
      maxAttempts: 2,
    });
    const job = await waitForJob(body.id as string);
    expect(job.state).toBe("failed");
    expect(job.attempts).toBe(2);
    expect(job.error).toMatch(/after 2 attempt\(s\): diverged/);
    expect(job.attemptLog.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "failed"],
      [2, "failed"],
    ]);
    const [first, second] = job.attemptLog as [JobAttempt, JobAttempt];
    expect(first.error).toMatch(/diverged/);
    expect(Date.parse(first.startedAt)).toBeLessThanOrEqual(Date.parse(first.endedAt as string));
    expect(Date.parse(first.endedAt as string)).toBeLessThan(Date.parse(second.placedAt));
  });

  it("fails a job that runs past its timeout, with the reason", async () => {
    const { status, body } = await submit({
      kind: "kmeans",
      input: { points: curvePoints(5000), k: 64, tolerance: 0, maxIterations: 300 },
      origin: FRANKFURT,
      timeoutMs: 10,
      maxAttempts: 1,
    });
    expect(status).toBe(202);
    const job = await waitForJob(body.id as string, undefined, 60_000);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/timed out/);
  });

  it("cancels a queued job, keeps it cancelled, and refuses to cancel twice", async () => {
    const { body } = await submit({ kind: "sha256", input: { text: "never" }, origin: FRANKFURT });
    const cancel = await SELF.fetch(`http://edgeos.test/v1/jobs/${body.id}`, { method: "DELETE" });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { state: string }).state).toBe("cancelled");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await getJob(body.id as string)).state).toBe("cancelled");
    const again = await SELF.fetch(`http://edgeos.test/v1/jobs/${body.id}`, { method: "DELETE" });
    expect(again.status).toBe(409);
  });

  it("finishes a job whose executor is aborted mid-run, exactly once", async () => {
    const { status, body } = await submit({
      kind: "kmeans",
      input: { points: curvePoints(5000), k: 32, tolerance: 0, maxIterations: 100 },
      origin: FRANKFURT,
    });
    expect(status).toBe(202);
    const running = await waitForJob(body.id as string, (job) => job.state === "running");
    const executor = env.SITE_EXECUTOR.getByName(`site:${running.site}`);
    await abortObject(executor, "the executor crashes mid-run");
    const job = await waitForJob(body.id as string, undefined, 60_000);
    expect(job.state).toBe("succeeded");
    expect(job.attempts).toBe(1);
    expect(job.attemptLog.map((a) => a.outcome)).toEqual(["succeeded"]);
    // A stub to an aborted object stays broken; a new one reaches the restarted object.
    expect(await env.SITE_EXECUTOR.getByName(`site:${running.site}`).pending()).toEqual(rpcOk(0));
  });
});
