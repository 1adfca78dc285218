import { describe, expect, it } from "vitest";
import { callGateway } from "../gateway-call";
import { createVolumeRing, putFile, randomBytes, sha256Hex, volumeRequest } from "./fs-api";

interface Collected {
  listed: number;
  deleted: number;
  sweeps: number;
}

async function ringChunks(volume: string): Promise<number> {
  const status = await callGateway<{ ringChunks: number }>("GET", `/v1/volumes/${volume}`);
  return status.body.ringChunks;
}

describe("garbage collection of a volume's ring", () => {
  it("deletes the chunks of overwritten and deleted files, and keeps what files and open uploads use", async () => {
    expect((await createVolumeRing("gc")).status).toBe(201);
    expect((await callGateway("POST", "/v1/volumes", { name: "gcv", ring: "gc" })).status).toBe(
      201,
    );
    const [old, kept, dropped, pending] = [1, 2, 3, 4].map((seed) => randomBytes(5000, seed));
    expect((await putFile("gcv", "/a", old as Uint8Array)).status).toBe(201);
    expect((await putFile("gcv", "/a", kept as Uint8Array)).status).toBe(201);
    expect((await putFile("gcv", "/b", dropped as Uint8Array)).status).toBe(201);
    expect((await volumeRequest("DELETE", "gcv", "/files/b")).status).toBe(200);
    const session = await callGateway<{ id: string }>("POST", "/v1/volumes/gcv/uploads", {
      path: "/later",
    });
    const part = await volumeRequest("PUT", "gcv", `/uploads/${session.body.id}/parts/1`, {
      body: pending,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(part.status).toBe(200);
    expect(await ringChunks("gcv")).toBe(4);

    const collected = await callGateway<Collected>("POST", "/v1/volumes/gcv/gc");
    expect(collected.status).toBe(200);
    expect(collected.body).toEqual({ listed: 4, deleted: 2, sweeps: 1 });
    expect(await ringChunks("gcv")).toBe(2);

    const read = await volumeRequest("GET", "gcv", "/files/a");
    expect(await sha256Hex(new Uint8Array(await read.arrayBuffer()))).toBe(
      await sha256Hex(kept as Uint8Array),
    );
    const done = await callGateway(
      "POST",
      `/v1/volumes/gcv/uploads/${session.body.id}/complete`,
      {},
    );
    expect(done.status).toBe(201);
    const later = await volumeRequest("GET", "gcv", "/files/later");
    expect(await sha256Hex(new Uint8Array(await later.arrayBuffer()))).toBe(
      await sha256Hex(pending as Uint8Array),
    );
    // A second pass finds nothing more to delete.
    expect((await callGateway<Collected>("POST", "/v1/volumes/gcv/gc")).body.deleted).toBe(0);
  });
});
