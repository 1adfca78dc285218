import { describe, expect, it } from "vitest";
import { CHUNK_SIZE } from "../../../shared/fs/chunker";
import { putFile, randomBytes, sha256Hex, volumeRequest } from "./fs-api";

const SIZE = 2 * CHUNK_SIZE + 12_345;

describe("files of the default volume", () => {
  it("stores a file of several chunks and reads back the same bytes, whole and by ranges", async () => {
    const bytes = randomBytes(SIZE, 7);
    const written = await putFile("default", "/data/blob.bin", bytes);
    expect(written.status).toBe(201);
    const body = (await written.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ path: "/data/blob.bin", size: SIZE, version: 1 });
    expect(body.sha256).toBe(await sha256Hex(bytes));
    expect(written.headers.get("etag")).toBe(`"${body.etag}"`);

    const whole = await volumeRequest("GET", "default", "/files/data/blob.bin");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(SIZE));
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("etag")).toBe(`"${body.etag}"`);
    // Compared by digest: a deep equality of 2 MiB arrays takes Vitest half a minute.
    expect(await sha256Hex(new Uint8Array(await whole.arrayBuffer()))).toBe(body.sha256);

    // Across the first chunk boundary, then the last 100 bytes.
    const across = await volumeRequest("GET", "default", "/files/data/blob.bin", {
      headers: { range: `bytes=${CHUNK_SIZE - 10}-${CHUNK_SIZE + 9}` },
    });
    expect(across.status).toBe(206);
    expect(across.headers.get("content-range")).toBe(
      `bytes ${CHUNK_SIZE - 10}-${CHUNK_SIZE + 9}/${SIZE}`,
    );
    expect(new Uint8Array(await across.arrayBuffer())).toEqual(
      bytes.slice(CHUNK_SIZE - 10, CHUNK_SIZE + 10),
    );
    const suffix = await volumeRequest("GET", "default", "/files/data/blob.bin", {
      headers: { range: "bytes=-100" },
    });
    expect(suffix.status).toBe(206);
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(bytes.slice(SIZE - 100));

    const past = await volumeRequest("GET", "default", "/files/data/blob.bin", {
      headers: { range: `bytes=${SIZE}-` },
    });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${SIZE}`);

    const head = await volumeRequest("HEAD", "default", "/files/data/blob.bin");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(SIZE));
    expect(head.headers.get("last-modified")).toMatch(/GMT$/);
  });

  it("writes conditionally: If-None-Match: * and If-Match, 412 changing nothing", async () => {
    const first = await putFile("default", "/cond.txt", new TextEncoder().encode("one"));
    expect(first.status).toBe(201);
    const etag = first.headers.get("etag") as string;
    const again = await putFile("default", "/cond.txt", new TextEncoder().encode("two"), {
      "if-none-match": "*",
    });
    expect(again.status).toBe(412);
    const wrong = await putFile("default", "/cond.txt", new TextEncoder().encode("two"), {
      "if-match": '"not-the-etag"',
    });
    expect(wrong.status).toBe(412);
    expect(await (await volumeRequest("GET", "default", "/files/cond.txt")).text()).toBe("one");
    const right = await putFile("default", "/cond.txt", new TextEncoder().encode("two"), {
      "if-match": etag,
    });
    expect(right.status).toBe(201);
    expect(((await right.json()) as { version: number }).version).toBe(2);
    expect(await (await volumeRequest("GET", "default", "/files/cond.txt")).text()).toBe("two");

    const removed = await volumeRequest("DELETE", "default", "/files/cond.txt");
    expect(removed.status).toBe(200);
    expect((await volumeRequest("GET", "default", "/files/cond.txt")).status).toBe(404);
  });

  it("stores an empty file, and refuses JSON bodies and bad paths without changing anything", async () => {
    const empty = await putFile("default", "/empty", new Uint8Array(0));
    expect(empty.status).toBe(201);
    const read = await volumeRequest("GET", "default", "/files/empty");
    expect(read.status).toBe(200);
    expect((await read.arrayBuffer()).byteLength).toBe(0);

    const json = await volumeRequest("PUT", "default", "/files/x.json", {
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    const long = await putFile("default", `/${"a".repeat(256)}`, new Uint8Array(1));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { field?: string }).field).toBe("param.path");
    expect((await volumeRequest("GET", "default", "/files/x.json")).status).toBe(404);
  });
});
