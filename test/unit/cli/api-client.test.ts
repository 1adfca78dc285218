import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, ConnectionLost } from "../../../cli/cli-error";
import { ApiClient, RETRIES_AFTER_429 } from "../../../cli/client";

let server: Server;
let url: string;
const seen: { path: string; authorization?: string; contentType?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({
        path: request.url ?? "",
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body,
      });
      if (request.url?.startsWith("/crowded")) {
        // Refuses the first `?refusals=N` calls to this path with 429, then answers.
        const refusals = Number(new URL(request.url, "http://x").searchParams.get("refusals"));
        const calls = seen.filter((s) => s.path === request.url).length;
        if (calls <= refusals) {
          response.writeHead(429, {
            "content-type": "application/problem+json",
            "retry-after": "1",
          });
          response.end(JSON.stringify({ title: "Too many requests", status: 429, detail: "busy" }));
        } else {
          response.writeHead(200, { "content-type": "application/json" }).end('{"done":true}');
        }
      } else if (request.url === "/problem") {
        response.writeHead(409, { "content-type": "application/problem+json" });
        response.end(
          JSON.stringify({
            title: "Conflict",
            status: 409,
            detail: "job already succeeded",
            field: "id",
          }),
        );
      } else if (request.url === "/events") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write(': keep-alive\n\nevent: put\nid: 7\ndata: {"key":"a"}\n\n');
        response.end("event: delete\ndata: line one\ndata: line two\n\n");
      } else if (request.url === "/broken") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write("event: put\ndata: one\n\n", () =>
          setTimeout(() => request.socket.destroy(), 50),
        );
      } else if (request.url === "/silent") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write(": hello\n\n");
      } else if (request.url === "/html") {
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<h1>bad gateway</h1>");
      } else {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

describe("the CLI's API client over real HTTP", () => {
  it("sends the bearer token and a JSON body, and parses the JSON answer", async () => {
    const client = new ApiClient(url, "s3cret");
    expect(await client.request("POST", "/thing", { a: 1 })).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({
      path: "/thing",
      authorization: "Bearer s3cret",
      contentType: "application/json",
      body: '{"a":1}',
    });
  });

  it("turns a problem answer into one line with status, title, detail and field", async () => {
    const error = await new ApiClient(url, undefined).get("/problem").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe("409 Conflict: job already succeeded [id]");
    expect((error as CliError).exitCode).toBe(1);
  });

  it("follows a server-sent event stream, skipping keep-alive comments", async () => {
    const events = [];
    for await (const event of new ApiClient(url, undefined).events("/events")) events.push(event);
    expect(events).toEqual([
      { event: "put", id: "7", data: '{"key":"a"}' },
      { event: "delete", data: "line one\nline two" },
    ]);
  });

  it("reports a non-problem failure by its status line", async () => {
    const error = (await new ApiClient(url, undefined)
      .get("/html")
      .catch((e: unknown) => e)) as CliError;
    expect(error.message).toBe("502 Bad Gateway");
  });

  it("says when the stream opened, and that a broken or silent stream is a lost connection", async () => {
    const client = new ApiClient(url, undefined);
    const seenBeforeFailure: string[] = [];
    let opened = 0;
    const broken = await (async () => {
      for await (const event of client.events("/broken", { onOpen: () => opened++ }))
        seenBeforeFailure.push(event.data);
    })().catch((e: unknown) => e);
    expect(opened).toBe(1);
    expect(seenBeforeFailure).toEqual(["one"]);
    expect(broken).toBeInstanceOf(ConnectionLost);
    expect((broken as Error).message).toMatch(/^the stream from edgeos at .* broke: /);

    const silent = await (async () => {
      for await (const _ of client.events("/silent", { idleMs: 200 })) void _;
    })().catch((e: unknown) => e);
    expect((silent as Error).message).toMatch(/broke: silent for 200 ms$/);

    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const ended = [];
    for await (const event of client.events("/silent", { signal: stop.signal })) ended.push(event);
    expect(ended).toEqual([]);
  });

  it("reports an unreachable server as a lost connection, worth retrying", async () => {
    const error = await new ApiClient("http://127.0.0.1:9", undefined)
      .get("/")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLost);
    expect((error as Error).message).toMatch(/^cannot reach edgeos at http:\/\/127.0.0.1:9: /);
  });
});

describe("the CLI's client under 429", () => {
  it("waits the server's Retry-After and sends the call again, a bounded number of times", async () => {
    const client = new ApiClient(url, undefined);
    const started = Date.now();
    await expect(client.request("POST", "/crowded?refusals=1", { a: 1 })).resolves.toEqual({
      done: true,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen.filter((s) => s.path === "/crowded?refusals=1")).toHaveLength(2);
    // Past RETRIES_AFTER_429 retries the refusal is the answer.
    await expect(client.request("GET", "/crowded?refusals=9")).rejects.toThrow(/429 Too many/);
    expect(seen.filter((s) => s.path === "/crowded?refusals=9")).toHaveLength(
      RETRIES_AFTER_429 + 1,
    );
  }, 15_000);
});
