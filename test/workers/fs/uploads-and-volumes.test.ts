import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE } from "../../../shared/fs/chunker";
import { callGateway, GATEWAY } from "../gateway-call";
import { createVolumeRing, putFile, randomBytes, sha256Hex, volumeRequest } from "./fs-api";

interface VolumeStatus {
  files: number;
  bytes: number;
  chunks: number;
  dedupRatio: number;
  openUploads: number;
  underReplicated: number;
}

async function volumeStatus(volume: string): Promise<VolumeStatus> {
  const answer = await callGateway<VolumeStatus>("GET", `/v1/volumes/${volume}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

describe("uploads and volumes", () => {
  it("leaves nothing visible when an upload is cut off midway", async () => {
    const before = await volumeStatus("default");
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2) return controller.close();
        sent++;
        controller.enqueue(randomBytes(CHUNK_SIZE, sent));
      },
    });
    const cut = await SELF.fetch(`${GATEWAY}/v1/volumes/default/files/cut/off.bin`, {
      method: "PUT",
      // The client announced three chunks and went away after two.
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(3 * CHUNK_SIZE),
      },
      body,
      duplex: "half",
    } as RequestInit).catch(() => null);
    expect(cut === null || cut.status >= 400).toBe(true);
    expect((await volumeRequest("GET", "default", "/files/cut/off.bin")).status).toBe(404);
    expect((await volumeRequest("GET", "default", "/dirs/cut")).status).toBe(404);
    const after = await volumeStatus("default");
    expect(after.files).toBe(before.files);
    expect(after.openUploads).toBe(before.openUploads);
  });

  it("commits an upload session's parts in number order as one file", async () => {
    const opened = await callGateway<{ id: string }>("POST", "/v1/volumes/default/uploads", {
      path: "/big/assembled.bin",
    });
    expect(opened.status).toBe(201);
    const { id } = opened.body;
    const parts = [randomBytes(CHUNK_SIZE + 5, 11), randomBytes(777, 12)];
    // Sent out of order: the part numbers decide.
    for (const n of [2, 1]) {
      const part = await volumeRequest("PUT", "default", `/uploads/${id}/parts/${n}`, {
        body: parts[n - 1],
        headers: { "content-type": "application/octet-stream" },
      });
      expect(part.status).toBe(200);
    }
    expect((await volumeRequest("GET", "default", "/files/big/assembled.bin")).status).toBe(404);
    // A part that ends short of its announced length is refused and not recorded.
    const short = await SELF.fetch(`${GATEWAY}/v1/volumes/default/uploads/${id}/parts/3`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", "content-length": "2000" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(randomBytes(1000, 13));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(short.status).toBe(400);
    const done = await callGateway<{ size: number }>(
      "POST",
      `/v1/volumes/default/uploads/${id}/complete`,
      {},
    );
    expect(done.status).toBe(201);
    expect(done.body.size).toBe(CHUNK_SIZE + 5 + 777);
    const read = await volumeRequest("GET", "default", "/files/big/assembled.bin");
    const whole = new Uint8Array(CHUNK_SIZE + 5 + 777);
    whole.set(parts[0] as Uint8Array, 0);
    whole.set(parts[1] as Uint8Array, CHUNK_SIZE + 5);
    expect(await sha256Hex(new Uint8Array(await read.arrayBuffer()))).toBe(await sha256Hex(whole));
    const again = await callGateway("POST", `/v1/volumes/default/uploads/${id}/complete`, {});
    expect(again.status).toBe(404);
  });

  it("creates a volume over a ring, counts its files and deduplicates equal content", async () => {
    const ringMade = await createVolumeRing("media");
    expect(ringMade.status, JSON.stringify(ringMade.body)).toBe(201);
    const created = await callGateway("POST", "/v1/volumes", { name: "media", ring: "media" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: "media", group: "default", ring: "media" });
    expect(
      (await callGateway("POST", "/v1/volumes", { name: "media", ring: "media" })).status,
    ).toBe(409);
    expect((await callGateway("POST", "/v1/volumes", { name: "other", ring: "nope" })).status).toBe(
      404,
    );
    const same = randomBytes(1000, 99);
    expect((await putFile("media", "/one", same)).status).toBe(201);
    expect((await putFile("media", "/two", same)).status).toBe(201);
    const status = await volumeStatus("media");
    expect(status).toMatchObject({ files: 2, bytes: 2000, chunks: 1, dedupRatio: 2 });
    expect(status.underReplicated).toBe(0);
    expect((await volumeRequest("GET", "nowhere", "/files/x")).status).toBe(404);
  });
});
