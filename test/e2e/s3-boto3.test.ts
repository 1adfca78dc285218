import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEBIAN_PYTHON, ensureS3Clients, randomFile, runClient } from "./s3-clients";

const baseUrl = inject("baseUrl");
const key = inject("s3Key");
const MiB = 1024 * 1024;
const SCRIPT = fileURLToPath(new URL("./s3/boto3_round_trip.py", import.meta.url));

beforeAll(() => ensureS3Clients());

describe("boto3 against the S3 endpoint", () => {
  it("makes a bucket, uploads 64 MiB (multipart) and small files, lists, downloads, copies and deletes", async () => {
    const big = randomFile(mkdtempSync(join(tmpdir(), "boto3-")), "big.bin", 64 * MiB);
    const run = await runClient(
      DEBIAN_PYTHON,
      [SCRIPT, `${baseUrl}/s3`, key.accessKey, key.secret, "boto3-bucket", big.path],
      {},
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const seen = JSON.parse(run.stdout);
    expect(seen.keys).toEqual(["dir/top.txt"]);
    expect(seen.prefixes).toEqual(["dir/a/", "dir/b/"]);
    expect(seen.contentType).toBe("text/plain");
    expect(seen.metadata).toEqual({ origin: "boto3" });
    expect(seen.bigEtag).toMatch(/^"[0-9a-f]{32}-8"$/);
    expect(seen.downloadSha256).toBe(big.sha256);
    expect(seen.range).toBe("hello");
    expect(seen.copied).toBe("hello dir/top.txt");
    expect(seen.copySha256).toBe(big.sha256);
    expect(seen.deleted).toEqual([
      "big-copy.bin",
      "big.bin",
      "copy.txt",
      "dir/a/1.txt",
      "dir/a/2.txt",
      "dir/b/3.txt",
      "dir/top.txt",
    ]);
    expect(seen.left).toBe(0);
    expect(seen.bucketsAfter).not.toContain("boto3-bucket");
  });
});
