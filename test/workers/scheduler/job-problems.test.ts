import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rpcFail, rpcOk } from "../../../shared/rpc-result";
import { callGateway } from "../gateway-call";
import { FRANKFURT, submit, waitForJob } from "./jobs-api";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("the job objects answer problems, and the API answers them as they are", () => {
  it("answers 404 for a job that does not exist, on read and on cancel", async () => {
    for (const method of ["GET", "DELETE"]) {
      const { status, headers, body } = await callGateway(method, `/v1/jobs/${UNKNOWN}`);
      expect(status).toBe(404);
      expect(headers.get("content-type")).toBe("application/problem+json");
      expect(body).toMatchObject({ type: "/docs#problem-not-found", detail: `no job ${UNKNOWN}` });
    }
  });

  it("answers 409 naming the state when the job already finished", async () => {
    const { body: submitted } = await submit({
      kind: "sha256",
      input: { text: "done" },
      origin: FRANKFURT,
    });
    const id = submitted.id as string;
    expect((await waitForJob(id)).state).toBe("succeeded");
    const { status, body } = await callGateway("DELETE", `/v1/jobs/${id}`);
    expect(status).toBe(409);
    expect(body).toMatchObject({
      type: "/docs#problem-conflict",
      detail: `job ${id} already succeeded; nothing to cancel`,
    });
  });

  it("has the scheduler ignore a report for a job it does not know", async () => {
    const scheduler = env.JOB_SCHEDULER.getByName("global");
    expect(await scheduler.complete(UNKNOWN, 1, { ok: true, result: null })).toEqual(rpcOk(false));
  });

  it("has an executor refuse a step of a kind without one, and ask again for a share it lacks", async () => {
    const executor = env.SITE_EXECUTOR.getByName("site:FRA");
    expect(await executor.partial("sha256", "job/1/1", [1], null)).toEqual(
      rpcFail("bad-request", "kind sha256 has no partial step"),
    );
    expect(await executor.partial("kmeans", "job/1/1", null, null)).toEqual(
      rpcOk({ missing: true }),
    );
  });
});
