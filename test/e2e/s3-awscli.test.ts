import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { awsEnv, ensureS3Clients, randomFile, runClient, sha256OfFile } from "./s3-clients";

const baseUrl = inject("baseUrl");
const key = inject("s3Key");
const MiB = 1024 * 1024;
const BUCKET = "awscli-photos";

function aws(...args: string[]) {
  return runClient("aws", ["--endpoint-url", `${baseUrl}/s3`, ...args], awsEnv(key));
}

beforeAll(() => ensureS3Clients());

describe("the AWS CLI against the S3 endpoint", () => {
  it("makes a bucket, uploads 64 MiB (multipart) and small files, lists, downloads, copies and deletes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "awscli-"));
    const big = randomFile(dir, "big.bin", 64 * MiB);
    mkdirSync(join(dir, "tree/a"), { recursive: true });
    mkdirSync(join(dir, "tree/b"), { recursive: true });
    for (const name of ["a/1.txt", "a/2.txt", "b/3.txt", "top.txt"]) {
      writeFileSync(join(dir, "tree", name), `hello ${name}\n`);
    }

    expect((await aws("s3", "mb", `s3://${BUCKET}`)).code).toBe(0);
    const put = await aws("s3", "cp", big.path, `s3://${BUCKET}/big.bin`);
    expect(put.stderr).toBe("");
    expect(put.code).toBe(0);
    expect(
      (await aws("s3", "cp", "--recursive", join(dir, "tree"), `s3://${BUCKET}/tree`)).code,
    ).toBe(0);

    const listed = await aws(
      "s3api",
      "list-objects-v2",
      "--bucket",
      BUCKET,
      "--prefix",
      "tree/",
      "--delimiter",
      "/",
    );
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as {
      Contents: { Key: string }[];
      CommonPrefixes: { Prefix: string }[];
    };
    expect(page.Contents.map((c) => c.Key)).toEqual(["tree/top.txt"]);
    expect(page.CommonPrefixes.map((p) => p.Prefix)).toEqual(["tree/a/", "tree/b/"]);

    const head = JSON.parse(
      (await aws("s3api", "head-object", "--bucket", BUCKET, "--key", "big.bin")).stdout,
    );
    expect(head.ContentLength).toBe(64 * MiB);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);

    const down = join(dir, "down.bin");
    expect((await aws("s3", "cp", `s3://${BUCKET}/big.bin`, down)).code).toBe(0);
    expect(await sha256OfFile(down)).toBe(big.sha256);

    expect((await aws("s3", "cp", `s3://${BUCKET}/big.bin`, `s3://${BUCKET}/copy.bin`)).code).toBe(
      0,
    );
    const copied = join(dir, "copied.bin");
    expect((await aws("s3", "cp", `s3://${BUCKET}/copy.bin`, copied)).code).toBe(0);
    expect(await sha256OfFile(copied)).toBe(big.sha256);

    expect((await aws("s3", "rm", "--recursive", `s3://${BUCKET}`)).code).toBe(0);
    const empty = await aws("s3api", "list-objects-v2", "--bucket", BUCKET);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout || "{}").Contents ?? []).toEqual([]);
    expect((await aws("s3", "rb", `s3://${BUCKET}`)).code).toBe(0);
    expect((await aws("s3api", "head-bucket", "--bucket", BUCKET)).code).not.toBe(0);
  });
});
