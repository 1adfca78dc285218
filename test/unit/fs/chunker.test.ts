import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, fixedChunks } from "../../../shared/fs/chunker";
import { Rng } from "../../../shared/rng";

/** A stream of `total` bytes (byte i = i mod 251) cut into pieces of the given sizes. */
function streamOf(total: number, pieces: number[]): ReadableStream<Uint8Array> {
  const bytes = Uint8Array.from({ length: total }, (_, i) => i % 251);
  let offset = 0;
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= total) return controller.close();
      const size = pieces[next++ % pieces.length] as number;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function sizesOf(stream: ReadableStream<Uint8Array>, size?: number): Promise<number[]> {
  const sizes: number[] = [];
  for await (const chunk of fixedChunks(stream, size)) sizes.push(chunk.byteLength);
  return sizes;
}

describe("fixed-size chunking", () => {
  it("cuts 1 MiB chunks at the boundaries: 0 bytes, 1 byte, exactly 1 MiB, 1 MiB + 1", async () => {
    expect(CHUNK_SIZE).toBe(1_048_576);
    expect(await sizesOf(streamOf(0, [100]))).toEqual([]);
    expect(await sizesOf(streamOf(1, [100]))).toEqual([1]);
    expect(await sizesOf(streamOf(CHUNK_SIZE, [65_536]))).toEqual([CHUNK_SIZE]);
    expect(await sizesOf(streamOf(CHUNK_SIZE + 1, [65_536]))).toEqual([CHUNK_SIZE, 1]);
    expect(await sizesOf(streamOf(2 * CHUNK_SIZE, [3 * CHUNK_SIZE]))).toEqual([
      CHUNK_SIZE,
      CHUNK_SIZE,
    ]);
  });

  it("keeps every byte in order whatever pieces the stream arrives in", async () => {
    const rng = new Rng(7);
    for (let run = 0; run < 50; run++) {
      const total = rng.int(5000);
      const pieces = Array.from({ length: 5 }, () => 1 + rng.int(700));
      const joined: number[] = [];
      for await (const chunk of fixedChunks(streamOf(total, pieces), 97)) {
        expect(chunk.byteLength === 97 || joined.length + chunk.byteLength === total).toBe(true);
        joined.push(...chunk);
      }
      expect(joined).toEqual(Array.from({ length: total }, (_, i) => i % 251));
    }
  });

  it("refuses a chunk size that is not a positive integer", async () => {
    await expect(sizesOf(streamOf(10, [5]), 0)).rejects.toThrow(RangeError);
  });
});
