/**
 * Security checks on the bearer token: it never reaches a log line, a response body or a
 * response header, whatever the route answers; and the public routes keep working for a
 * caller that sends a token, right or wrong.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { fetchWorker } from "../env";

const TOKEN = "s3cret-edgeos-token-4f9c1e";
/** A wrong token that shares a long prefix with the right one, and one unlike it. */
const WRONG = [`${TOKEN.slice(0, -1)}X`, "guess-7d2b"];

/** Calls the Worker with the token set and its own request log on. */
function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Response> {
  return fetchWorker(
    { EDGEOS_TOKEN: TOKEN, EDGEOS_LOG_REQUESTS: "1" },
    method,
    path,
    headers,
    body,
  );
}

/** Everything a client can read of an answer: status line aside, headers and body. */
async function visible(response: Response): Promise<string> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => {
    headers.push(`${name}: ${value}`);
  });
  return `${headers.join("\n")}\n\n${await response.text()}`;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
let spies: MockInstance[] = [];

/** Every argument written to the console since the spies were set, as text. */
function logged(): string {
  return spies
    .flatMap((spy) => spy.mock.calls.flat())
    .map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg)))
    .join("\n");
}

beforeEach(() => {
  spies = CONSOLE_METHODS.map((name) => vi.spyOn(console, name).mockImplementation(() => {}));
});
afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});

describe("the bearer token is never logged or echoed", () => {
  it("appears in no log line, header or body, for a right, a wrong or a malformed token", async () => {
    const authorizations = [
      `Bearer ${TOKEN}`,
      ...WRONG.map((wrong) => `Bearer ${wrong}`),
      `bearer   ${TOKEN}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ];
    const requests: [string, string, string?][] = [
      ["GET", "/"],
      ["GET", "/healthz"],
      ["GET", "/docs"],
      ["GET", "/openapi.json"],
      ["GET", "/v1/groups"],
      ["GET", "/v1/no-such-route"],
      ["PATCH", "/v1/groups"],
      ["PUT", "/v1/groups/default/kv/k", '{"value":'],
      ["POST", "/v1/placement", '{"jobs":"not a list"}'],
    ];
    let answers = 0;
    for (const authorization of authorizations) {
      for (const [method, path, body] of requests) {
        const headers: Record<string, string> = { authorization };
        if (body !== undefined) headers["content-type"] = "application/json";
        const text = await visible(await call(method, path, headers, body));
        for (const secret of [TOKEN, ...WRONG]) {
          expect(text, `${authorization} → ${method} ${path}`).not.toContain(secret);
        }
        answers++;
      }
    }
    // The request log was on: one line per request reached the console, and none holds
    // the token or a guess at it.
    const lines = logged();
    expect(lines.match(/"msg":"request"/g)?.length).toBe(answers);
    for (const secret of [TOKEN, ...WRONG]) expect(lines).not.toContain(secret);
    expect(lines).not.toMatch(/authorization/i);
  });

  it("keeps the token out of the 401 problem and its challenge", async () => {
    for (const wrong of WRONG) {
      const response = await call("GET", "/v1/groups", { authorization: `Bearer ${wrong}` });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="edgeos"');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 401, detail: "bearer token does not match" });
    }
  });
});

describe("a public route with a token", () => {
  const PUBLIC: [string, string][] = [
    ["/", "application/json"],
    ["/v1", "application/json"],
    ["/healthz", "application/json"],
    ["/openapi.json", "application/json"],
    ["/docs", "text/html"],
  ];

  it("answers the right token, a wrong one and a malformed header as it answers none", async () => {
    for (const [path, type] of PUBLIC) {
      const bare = await call("GET", path);
      expect(bare.status, path).toBe(200);
      const expected = await bare.text();
      for (const authorization of [`Bearer ${TOKEN}`, `Bearer ${WRONG[1]}`, "Bearer", "Basic x"]) {
        const response = await call("GET", path, { authorization });
        expect(response.status, `${authorization} → ${path}`).toBe(200);
        expect(response.headers.get("content-type"), path).toContain(type);
        const text = await response.text();
        // /healthz carries the isolate's uptime, which moves between two calls.
        if (path === "/healthz") {
          expect(JSON.parse(text)).toMatchObject({ status: "ok", auth: "token" });
        } else {
          expect(text, `${authorization} → ${path}`).toBe(expected);
        }
      }
    }
  });
});
