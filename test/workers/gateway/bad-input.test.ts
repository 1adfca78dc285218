import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { JOB_LIMITS } from "../../../shared/jobs/job";
import { MAX_BODY_BYTES } from "../../../workers/gateway/limits";

interface Problem {
  type: string;
  status: number;
  detail: string;
  field?: string;
}

const URL = "http://edgeos.test/v1/jobs";
const VALID = { kind: "sha256", input: { text: "x" }, origin: { lat: 1, lon: 2 } };

async function post(
  body: BodyInit,
  contentType = "application/json",
  extra: Record<string, string> = {},
) {
  const response = await SELF.fetch(URL, {
    method: "POST",
    headers: { "content-type": contentType, ...extra },
    body,
  });
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return { status: response.status, problem: (await response.json()) as Problem };
}

async function jobCount(): Promise<number> {
  const list = (await (await SELF.fetch(`${URL}?limit=100`)).json()) as { items: unknown[] };
  return list.items.length;
}

describe("bad input to a JSON route is a problem and changes nothing", () => {
  it("rejects every kind of bad body without creating a job", async () => {
    const before = await jobCount();

    const media = await post(JSON.stringify(VALID), "text/plain");
    expect(media.status).toBe(415);

    const malformed = await post('{"kind": "sha256",');
    expect(malformed.status).toBe(400);
    expect(malformed.problem.type).toBe("/docs#problem-malformed-json");

    const huge = "x".repeat(MAX_BODY_BYTES + 1);
    const tooLarge = await post(JSON.stringify({ ...VALID, input: { text: huge } }));
    expect(tooLarge.status).toBe(413);

    // A body without Content-Length is counted as it streams, and the gateway stops
    // reading at the limit. The rest of this body then has nowhere to go, and workerd logs
    // "read end of pipe was aborted" and an uncaught "Network connection lost." from the
    // request's body pump, outside this isolate, where the test cannot catch or capture
    // them: those two lines are expected, and reading the whole body to hush them would
    // defeat the limit.
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++)
          controller.enqueue(new TextEncoder().encode("y".repeat(MAX_BODY_BYTES / 10)));
        controller.close();
      },
    });
    const chunked = await post(streamed);
    expect(chunked.status).toBe(413);

    const inputTooLarge = await post(
      JSON.stringify({ ...VALID, input: { text: "z".repeat(JOB_LIMITS.maxInputBytes) } }),
    );
    expect(inputTooLarge.status).toBe(413);
    expect(inputTooLarge.problem.field).toBe("body.input");

    expect(await jobCount()).toBe(before);
  });

  it("names the offending field of a schema violation", async () => {
    const cases: [unknown, string][] = [
      [{ ...VALID, origin: { lat: 91, lon: 0 } }, "body.origin.lat"],
      [{ ...VALID, kind: "" }, "body.kind"],
      [{ ...VALID, kind: "no-such-kind" }, "body.kind"],
      [{ ...VALID, maxAttempts: 0 }, "body.maxAttempts"],
      [{ ...VALID, timeoutMs: 1.5 }, "body.timeoutMs"],
      [{ ...VALID, input: { text: 5 } }, "body.input.text"],
      [{ ...VALID, surprise: true }, "body"],
    ];
    const before = await jobCount();
    for (const [body, field] of cases) {
      const { status, problem } = await post(JSON.stringify(body));
      expect(status, JSON.stringify(body)).toBe(400);
      expect(problem.field, JSON.stringify(body)).toBe(field);
    }
    expect(await jobCount()).toBe(before);
  });

  it("validates path and query parameters too", async () => {
    const badId = await SELF.fetch("http://edgeos.test/v1/jobs/not-a-uuid");
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as Problem).field).toBe("param.id");
    const badLimit = await SELF.fetch("http://edgeos.test/v1/jobs?limit=1000");
    expect(badLimit.status).toBe(400);
    expect(((await badLimit.json()) as Problem).field).toBe("query.limit");
  });
});
