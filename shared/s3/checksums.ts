/**
 * The CRC checksums S3 clients send (`x-amz-checksum-crc32`, `-crc32c`, `-crc64nvme`),
 * computed incrementally over a streamed body, table-driven. CRC32 is IEEE 802.3's
 * (reflected polynomial 0xEDB88320), CRC32C Castagnoli's (0x82F63B78), CRC64NVME the NVMe
 * one AWS uses (reflected 0x9A6C9329AC4BC9B5, the reflection of 0xAD93D23594C93659);
 * each starts from all ones and is inverted at the end. S3 writes the value as the
 * big-endian bytes of the CRC in base64. The 64-bit CRC runs on two 32-bit halves.
 */

/** An algorithm this file computes. */
export type CrcAlgorithm = "crc32" | "crc32c" | "crc64nvme";

/** A running checksum. */
export interface RunningChecksum {
  update(bytes: Uint8Array): void;
  /** The checksum of everything fed so far, as S3 writes it. */
  digestBase64(): string;
}

function table32(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The 64-bit table as high and low halves. */
function table64(polyHigh: number, polyLow: number): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const odd = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (odd) {
        h = (h ^ polyHigh) >>> 0;
        l = (l ^ polyLow) >>> 0;
      }
    }
    high[n] = h;
    low[n] = l;
  }
  return { high, low };
}

const CRC32 = table32(0xedb88320);
const CRC32C = table32(0x82f63b78);
const CRC64NVME = table64(0x9a6c9329, 0xac4bc9b5);

function base64(bytes: number[]): string {
  return btoa(String.fromCharCode(...bytes));
}

function crc32With(table: Uint32Array): RunningChecksum {
  let crc = 0xffffffff;
  return {
    update(bytes) {
      let c = crc;
      for (let i = 0; i < bytes.length; i++)
        c = (table[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
      crc = c >>> 0;
    },
    digestBase64() {
      const v = (crc ^ 0xffffffff) >>> 0;
      return base64([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
    },
  };
}

function crc64nvme(): RunningChecksum {
  let high = 0xffffffff;
  let low = 0xffffffff;
  const { high: th, low: tl } = CRC64NVME;
  return {
    update(bytes) {
      let h = high;
      let l = low;
      for (let i = 0; i < bytes.length; i++) {
        const index = (l ^ (bytes[i] as number)) & 0xff;
        l = (((l >>> 8) | ((h & 0xff) << 24)) ^ (tl[index] as number)) >>> 0;
        h = ((h >>> 8) ^ (th[index] as number)) >>> 0;
      }
      high = h;
      low = l;
    },
    digestBase64() {
      const h = (high ^ 0xffffffff) >>> 0;
      const l = (low ^ 0xffffffff) >>> 0;
      return base64([
        h >>> 24,
        (h >>> 16) & 0xff,
        (h >>> 8) & 0xff,
        h & 0xff,
        l >>> 24,
        (l >>> 16) & 0xff,
        (l >>> 8) & 0xff,
        l & 0xff,
      ]);
    },
  };
}

/** A new running checksum of `algorithm`. */
export function createChecksum(algorithm: CrcAlgorithm): RunningChecksum {
  switch (algorithm) {
    case "crc32":
      return crc32With(CRC32);
    case "crc32c":
      return crc32With(CRC32C);
    case "crc64nvme":
      return crc64nvme();
  }
}
