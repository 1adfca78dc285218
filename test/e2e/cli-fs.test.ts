import { createHash, randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";
import { peakRss } from "./process-memory";

const baseUrl = inject("baseUrl");
const token = inject("token");
const env = { EDGEOS_URL: baseUrl, EDGEOS_TOKEN: token };
const auth = { authorization: `Bearer ${token}` };
const MiB = 1024 * 1024;
/** The file a new user puts: larger than one request may carry, so it goes as a session. */
const BIG_FILE_MIB = 200;
/**
 * The target for the server's peak resident memory growth while the big file goes
 * through. Not met yet (about 170 MiB measured, see docs/benchmarks.md), so it is reported
 * against the target rather than asserted; the bytes themselves are asserted.
 */
const RSS_GROWTH_TARGET = 64 * MiB;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function files(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}/v1/volumes/default/files${path}`, {
    ...init,
    headers: { ...auth, ...(init.headers as Record<string, string>) },
  });
}

describe("edgeos fs against wrangler dev", () => {
  it(`puts a ${BIG_FILE_MIB} MiB file, lists it and gets the same bytes back`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgeos-fs-"));
    const local = join(dir, "big.iso");
    const handle = await open(local, "w");
    for (let i = 0; i < BIG_FILE_MIB; i++) await handle.write(randomBytes(MiB));
    await handle.close();
    const before = peakRss(inject("serverGroup"), "workerd");
    expect(before).toBeGreaterThan(0);

    const put = await edgeos(["fs", "put", local, "/isos/big.iso"], env);
    expect(put.code, put.stderr).toBe(0);
    const listed = await edgeos(["fs", "ls", "/isos", "-l"], env);
    expect(listed.stdout).toContain("big.iso");
    expect(listed.stdout).toContain(String(BIG_FILE_MIB * MiB));
    const copy = join(dir, "copy.iso");
    const got = await edgeos(["fs", "get", "/isos/big.iso", copy], env);
    expect(got.code, got.stderr).toBe(0);
    expect(await sha256Of(copy)).toBe(await sha256Of(local));

    const growth = peakRss(inject("serverGroup"), "workerd") - before;
    console.log(
      JSON.stringify({
        measure: "fs-big-file-peak-rss-growth",
        bytes: growth,
        target: RSS_GROWTH_TARGET,
        met: growth < RSS_GROWTH_TARGET,
      }),
    );
  }, 600_000);

  it("lets exactly one of concurrent writers with the same If-Match win", async () => {
    const first = await files("/race.txt", { method: "PUT", body: "v0" });
    expect(first.status).toBe(201);
    const etag = first.headers.get("etag") as string;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        files("/race.txt", { method: "PUT", body: `writer ${i}`, headers: { "if-match": etag } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
  });

  it("renames a directory of 1,000 files atomically for a concurrent lister", async () => {
    const mkdir = await fetch(`${baseUrl}/v1/volumes/default/dirs/many`, {
      method: "POST",
      headers: auth,
    });
    expect(mkdir.status).toBe(201);
    const names = Array.from({ length: 1000 }, (_, i) => `f${String(i).padStart(4, "0")}`);
    for (let i = 0; i < names.length; i += 16) {
      const batch = names.slice(i, i + 16);
      const written = await Promise.all(
        batch.map((name) => files(`/many/${name}`, { method: "PUT", body: name })),
      );
      expect(written.every((w) => w.status === 201)).toBe(true);
    }
    const seen: number[] = [];
    let renamed = false;
    const lister = (async () => {
      while (!renamed) {
        const [from, to] = await Promise.all(
          ["many", "moved"].map((dir) =>
            fetch(`${baseUrl}/v1/volumes/default/dirs/${dir}?limit=1000`, { headers: auth }),
          ),
        );
        for (const answer of [from, to]) {
          if (answer?.status === 200) {
            seen.push(((await answer.json()) as { entries: unknown[] }).entries.length);
          } else expect(answer?.status).toBe(404);
        }
      }
    })();
    const moved = await fetch(`${baseUrl}/v1/volumes/default/rename`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ from: "/many", to: "/moved" }),
    });
    expect(moved.status).toBe(200);
    renamed = true;
    await lister;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 1000)).toBe(true);
  }, 300_000);
});
