import { crc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checksumHeaderAlgorithm, createChecksum } from "../../../shared/s3/checksums";

const ALGORITHMS = ["crc32", "crc32c", "crc64nvme"] as const;

function digest(algorithm: (typeof ALGORITHMS)[number], ...parts: Uint8Array[]): string {
  const running = createChecksum(algorithm);
  for (const part of parts) running.update(part);
  return running.digestBase64();
}

const hexOf = (base64: string) => Buffer.from(base64, "base64").toString("hex");
const CHECK = new TextEncoder().encode("123456789");

describe("the CRC checksums S3 clients send", () => {
  // Check values of "123456789" from the CRC catalogue (reveng.sourceforge.io/crc-catalogue):
  // CRC-32/ISO-HDLC, CRC-32/ISCSI and CRC-64/NVME.
  it("gives each algorithm's catalogue check value, as big-endian bytes", () => {
    expect(hexOf(digest("crc32", CHECK))).toBe("cbf43926");
    expect(hexOf(digest("crc32c", CHECK))).toBe("e3069283");
    expect(hexOf(digest("crc64nvme", CHECK))).toBe("ae8b14860a799888");
  });

  it("writes the value as S3 does: the base64 of the big-endian bytes", () => {
    expect(digest("crc32", CHECK)).toBe("y/Q5Jg==");
    expect(digest("crc32")).toBe("AAAAAA==");
    expect(digest("crc64nvme")).toBe("AAAAAAAAAAA=");
  });

  it("agrees with zlib's CRC32 on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const expected = Buffer.alloc(4);
        expected.writeUInt32BE(crc32(bytes));
        expect(digest("crc32", bytes)).toBe(expected.toString("base64"));
      }),
    );
  });

  it("gives the same value fed in any split as in one piece", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (bytes, rawCuts) => {
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts: Uint8Array[] = [];
          let from = 0;
          for (const cut of [...cuts, bytes.length]) {
            parts.push(bytes.subarray(from, cut));
            from = cut;
          }
          for (const algorithm of ALGORITHMS) {
            expect(digest(algorithm, ...parts)).toBe(digest(algorithm, bytes));
          }
        },
      ),
    );
  });

  it("names the algorithm of each checksum header, in any case", () => {
    expect(checksumHeaderAlgorithm("x-amz-checksum-crc32")).toBe("crc32");
    expect(checksumHeaderAlgorithm("X-Amz-Checksum-CRC32C")).toBe("crc32c");
    expect(checksumHeaderAlgorithm("x-amz-checksum-crc64nvme")).toBe("crc64nvme");
    expect(checksumHeaderAlgorithm("x-amz-checksum-sha256")).toBeNull();
  });
});
