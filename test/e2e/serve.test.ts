import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LeanServer, startLeanServer } from "../../bench/kv-vs-etcd/lean-server";
import { freePort } from "./wrangler-dev";

const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

const persist = mkdtempSync(join(tmpdir(), "edgeos-serve-test-"));
const running: LeanServer[] = [];

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  rmSync(persist, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<LeanServer> {
  const server = await startLeanServer({ port: await freePort(), persist, env });
  running.push(server);
  return server;
}

interface Job {
  id: string;
  state: string;
  result: { sha256?: string } | null;
}

async function waitForJob(url: string, id: string): Promise<Job> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = (await (await fetch(`${url}/v1/jobs/${id}`)).json()) as Job;
    if (job.state === "succeeded" || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs serve with `args` to completion (only for arguments it must refuse before starting). */
function serveWith(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "scripts/serve.ts", ...args],
      (_, __, stderr) => resolve({ status: child.exitCode, stderr }),
    );
  });
}

describe("npm run serve", () => {
  it("refuses a bad port, an unknown flag and a missing port with exit code 2 and a reason", async () => {
    const [badPort, unknown, missing] = await Promise.all([
      serveWith(["--port", "70000"]),
      serveWith(["--port", "9", "--presist", "/tmp/x"]),
      serveWith(["--persist", "/tmp/x"]),
    ]);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be an integer from 0 to 65535, got "70000"');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown argument "--presist"');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--port is required");
  });

  it("serves jobs, keeps them across a restart with --persist, and stops on SIGTERM", async () => {
    const first = await start();
    const health = (await (await fetch(`${first.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: "ok", auth: "open", devFaults: false });

    const submitted = await fetch(`${first.url}/v1/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "sha256", input: { text: "abc" }, origin: { lat: 50, lon: 8 } }),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const done = await waitForJob(first.url, id);
    expect(done.state).toBe("succeeded");
    expect(done.result?.sha256).toBe(SHA256_ABC);

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("edgeos stopped (SIGTERM)");
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

    const token = "serve-test-token";
    const second = await start({ EDGEOS_TOKEN: token });
    const reopened = (await (await fetch(`${second.url}/healthz`)).json()) as { auth: string };
    expect(reopened.auth).toBe("token");
    expect((await fetch(`${second.url}/v1/jobs/${id}`)).status).toBe(401);
    const kept = await fetch(`${second.url}/v1/jobs/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({
      id,
      state: "succeeded",
      result: { sha256: SHA256_ABC },
    });
    expect(await second.stop()).toBe(0);
  });
});
