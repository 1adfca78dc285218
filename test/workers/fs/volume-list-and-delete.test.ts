import { describe, expect, it } from "vitest";
import { callGateway } from "../gateway-call";
import { createVolumeRing, putFile, randomBytes, volumeRequest } from "./fs-api";

interface VolumeRecord {
  name: string;
  group: string;
  ring: string;
  createdAt: number;
}

async function volumeNames(): Promise<string[]> {
  const answer = await callGateway<{ volumes: VolumeRecord[] }>("GET", "/v1/volumes");
  expect(answer.status).toBe(200);
  return answer.body.volumes.map((v) => v.name);
}

describe("listing and deleting volumes", () => {
  it("lists a created volume with its placement and forgets it once deleted", async () => {
    expect(await volumeNames()).toContain("default");
    const created = await callGateway("POST", "/v1/volumes", { name: "short-lived" });
    expect(created.status).toBe(201);
    const listed = await callGateway<{ volumes: VolumeRecord[] }>("GET", "/v1/volumes");
    const record = listed.body.volumes.find((v) => v.name === "short-lived");
    expect(record).toMatchObject({ group: "default", ring: "default" });
    expect(record?.createdAt).toBeGreaterThan(0);

    expect((await volumeRequest("DELETE", "short-lived", "")).status).toBe(204);
    expect(await volumeNames()).not.toContain("short-lived");
    expect((await volumeRequest("GET", "short-lived", "")).status).toBe(404);
    expect((await volumeRequest("DELETE", "short-lived", "")).status).toBe(404);
  });

  it("refuses to delete default or a volume holding a file, and changes nothing", async () => {
    expect((await volumeRequest("DELETE", "default", "")).status).toBe(409);
    expect((await callGateway("POST", "/v1/volumes", { name: "kept" })).status).toBe(201);
    expect((await putFile("kept", "/a/b.txt", randomBytes(10))).status).toBe(201);
    const refused = await volumeRequest("DELETE", "kept", "");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ detail: expect.stringContaining("1 files") });
    expect(await volumeNames()).toContain("kept");
    expect((await volumeRequest("GET", "kept", "/files/a/b.txt")).status).toBe(200);
  });

  it("lets a deleted name be created again over the same ring only", async () => {
    expect((await callGateway("POST", "/v1/volumes", { name: "again" })).status).toBe(201);
    expect((await volumeRequest("DELETE", "again", "")).status).toBe(204);
    expect((await createVolumeRing("elsewhere")).status).toBe(201);
    const elsewhere = await callGateway("POST", "/v1/volumes", {
      name: "again",
      ring: "elsewhere",
    });
    expect(elsewhere.status).toBe(409);
    expect((await callGateway("POST", "/v1/volumes", { name: "again" })).status).toBe(201);
  });
});
