/**
 * The CRC checksums S3 clients send (`x-amz-checksum-crc32`, `-crc32c`, `-crc64nvme`),
 * computed incrementally over a streamed body. CRC32 is IEEE 802.3's (reflected polynomial
 * 0xEDB88320), CRC32C Castagnoli's (0x82F63B78), CRC64NVME the NVMe one AWS uses (0xAD93D23594C93659,
 * reflected 0x9A6C9329AC4BC9B5); each starts from all ones and is inverted at the end. S3
 * writes the value as the big-endian bytes of the CRC in base64. All three run slicing-by-8
 * (eight bytes a step through eight tables); the 64-bit CRC on two 32-bit halves, since
 * BigInt arithmetic is far too slow for a body.
 */

/** An algorithm this file computes. */
export type CrcAlgorithm = "crc32" | "crc32c" | "crc64nvme";

/** A running checksum. */
export interface RunningChecksum {
  update(bytes: Uint8Array): void;
  /** The checksum of everything fed so far, as S3 writes it. */
  digestBase64(): string;
}

/** The checksum headers, by the algorithm each carries. */
const HEADER_ALGORITHMS: ReadonlyMap<string, CrcAlgorithm> = new Map([
  ["x-amz-checksum-crc32", "crc32"],
  ["x-amz-checksum-crc32c", "crc32c"],
  ["x-amz-checksum-crc64nvme", "crc64nvme"],
]);

/** The CRC a checksum header (`x-amz-checksum-crc32`, any case) carries; null for others. */
export function checksumHeaderAlgorithm(name: string): CrcAlgorithm | null {
  return HEADER_ALGORITHMS.get(name.trim().toLowerCase()) ?? null;
}

/** A new running checksum of `algorithm`. */
export function createChecksum(algorithm: CrcAlgorithm): RunningChecksum {
  switch (algorithm) {
    case "crc32":
      return crc32With(CRC32);
    case "crc32c":
      return crc32With(CRC32C);
    case "crc64nvme":
      return crc64With(CRC64NVME);
  }
}

/** Bytes handled a step by the sliced loops. */
const SLICE = 8;

/** Eight tables of 256 for a reflected 32-bit polynomial, one after the other. */
function tables32(poly: number): Uint32Array {
  const t = new Uint32Array(256 * SLICE);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < SLICE; k++) {
      const prev = t[(k - 1) * 256 + n] as number;
      t[k * 256 + n] = (prev >>> 8) ^ (t[prev & 0xff] as number);
    }
  }
  return t;
}

/** The eight 64-bit tables as high and low halves. */
function tables64(polyHigh: number, polyLow: number): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(256 * SLICE);
  const low = new Uint32Array(256 * SLICE);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const odd = l & 1;
      l = (l >>> 1) | ((h & 1) << 31);
      h >>>= 1;
      if (odd) {
        h ^= polyHigh;
        l ^= polyLow;
      }
    }
    high[n] = h;
    low[n] = l;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < SLICE; k++) {
      const h = high[(k - 1) * 256 + n] as number;
      const l = low[(k - 1) * 256 + n] as number;
      const index = l & 0xff;
      high[k * 256 + n] = (h >>> 8) ^ (high[index] as number);
      low[k * 256 + n] = ((l >>> 8) | (h << 24)) ^ (low[index] as number);
    }
  }
  return { high, low };
}

const CRC32 = tables32(0xedb88320);
const CRC32C = tables32(0x82f63b78);
const CRC64NVME = tables64(0x9a6c9329, 0xac4bc9b5);

function crc32With(t: Uint32Array): RunningChecksum {
  let crc = 0xffffffff;
  return {
    update(bytes) {
      let c = crc;
      let i = 0;
      for (const end = bytes.length - (bytes.length % SLICE); i < end; i += SLICE) {
        const a =
          c ^
          ((bytes[i] as number) |
            ((bytes[i + 1] as number) << 8) |
            ((bytes[i + 2] as number) << 16) |
            ((bytes[i + 3] as number) << 24));
        c =
          (t[1792 + (a & 0xff)] as number) ^
          (t[1536 + ((a >>> 8) & 0xff)] as number) ^
          (t[1280 + ((a >>> 16) & 0xff)] as number) ^
          (t[1024 + (a >>> 24)] as number) ^
          (t[768 + (bytes[i + 4] as number)] as number) ^
          (t[512 + (bytes[i + 5] as number)] as number) ^
          (t[256 + (bytes[i + 6] as number)] as number) ^
          (t[bytes[i + 7] as number] as number);
      }
      for (; i < bytes.length; i++)
        c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
      crc = c >>> 0;
    },
    digestBase64() {
      return base64OfWords([(crc ^ 0xffffffff) >>> 0]);
    },
  };
}

function crc64With({
  high: th,
  low: tl,
}: {
  high: Uint32Array;
  low: Uint32Array;
}): RunningChecksum {
  let high = 0xffffffff;
  let low = 0xffffffff;
  return {
    update(bytes) {
      let h = high;
      let l = low;
      let i = 0;
      for (const end = bytes.length - (bytes.length % SLICE); i < end; i += SLICE) {
        const a =
          l ^
          ((bytes[i] as number) |
            ((bytes[i + 1] as number) << 8) |
            ((bytes[i + 2] as number) << 16) |
            ((bytes[i + 3] as number) << 24));
        const b =
          h ^
          ((bytes[i + 4] as number) |
            ((bytes[i + 5] as number) << 8) |
            ((bytes[i + 6] as number) << 16) |
            ((bytes[i + 7] as number) << 24));
        const i7 = 1792 + (a & 0xff);
        const i6 = 1536 + ((a >>> 8) & 0xff);
        const i5 = 1280 + ((a >>> 16) & 0xff);
        const i4 = 1024 + (a >>> 24);
        const i3 = 768 + (b & 0xff);
        const i2 = 512 + ((b >>> 8) & 0xff);
        const i1 = 256 + ((b >>> 16) & 0xff);
        const i0 = b >>> 24;
        h =
          (th[i7] as number) ^
          (th[i6] as number) ^
          (th[i5] as number) ^
          (th[i4] as number) ^
          (th[i3] as number) ^
          (th[i2] as number) ^
          (th[i1] as number) ^
          (th[i0] as number);
        l =
          (tl[i7] as number) ^
          (tl[i6] as number) ^
          (tl[i5] as number) ^
          (tl[i4] as number) ^
          (tl[i3] as number) ^
          (tl[i2] as number) ^
          (tl[i1] as number) ^
          (tl[i0] as number);
      }
      for (; i < bytes.length; i++) {
        const index = (l ^ (bytes[i] as number)) & 0xff;
        l = ((l >>> 8) | (h << 24)) ^ (tl[index] as number);
        h = (h >>> 8) ^ (th[index] as number);
      }
      high = h >>> 0;
      low = l >>> 0;
    },
    digestBase64() {
      return base64OfWords([(high ^ 0xffffffff) >>> 0, (low ^ 0xffffffff) >>> 0]);
    },
  };
}

/** 32-bit words as their big-endian bytes in base64. */
function base64OfWords(words: number[]): string {
  let text = "";
  for (const w of words) {
    text += String.fromCharCode(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
  }
  return btoa(text);
}
