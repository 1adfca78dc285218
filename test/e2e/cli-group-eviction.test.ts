import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const baseUrl = inject("baseUrl");
const token = inject("token");
const env = { EDGEOS_URL: baseUrl, EDGEOS_TOKEN: token };
const QUIET_TIMEOUT_MS = 30_000;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a group whose every replica was evicted, through the CLI", () => {
  it("shows the applied index and last leader from disk, and the next write succeeds", async () => {
    expect((await edgeos(["group", "create", "idle"], env)).code).toBe(0);
    for (let i = 1; i <= 4; i++) {
      expect((await edgeos(["kv", "put", `k${i}`, `v${i}`, "--group", "idle"], env)).code).toBe(0);
    }
    const deadline = Date.now() + QUIET_TIMEOUT_MS;
    let quiet = await api("GET", "/v1/groups/idle");
    while (quiet.body.state !== "quiesced" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      quiet = await api("GET", "/v1/groups/idle");
    }
    expect(quiet.body.state).toBe("quiesced");
    const crashed = await api("POST", "/v1/_faults/groups/idle", { crash: [1, 2, 3] });
    expect(crashed.status).toBe(200);

    const status = await edgeos(["group", "status", "idle"], env);
    expect(status.code).toBe(0);
    const { leader, term, applied } = quiet.body as {
      leader: number;
      term: number;
      applied: number;
    };
    expect(applied).toBeGreaterThanOrEqual(4);
    expect(status.stdout).toContain(
      `group idle (raft): last leader ${leader}, term ${term}, commit ${applied}, applied ${applied}, evicted`,
    );

    expect((await edgeos(["kv", "put", "k5", "v5", "--group", "idle"], env)).code).toBe(0);
    const got = await edgeos(["kv", "get", "k1", "--group", "idle"], env);
    expect(got.stdout).toContain("v1");
    expect((await edgeos(["group", "status", "idle"], env)).stdout).toMatch(
      /^group idle \(raft\): leader \d, term \d+, commit \d+, applied \d+\n/,
    );
  });
});
