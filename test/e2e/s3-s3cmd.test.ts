import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensureS3Clients, randomFile, runClient, s3cmdConfig, sha256OfFile } from "./s3-clients";

const baseUrl = inject("baseUrl");
const key = inject("s3Key");
const MiB = 1024 * 1024;
const BUCKET = "s3cmd-photos";

beforeAll(() => ensureS3Clients());

describe("s3cmd against the S3 endpoint (at the root: s3cmd takes no path prefix)", () => {
  it("makes a bucket, uploads 64 MiB (multipart) and small files, lists, downloads, copies and deletes", async () => {
    const config = s3cmdConfig(baseUrl, key);
    const s3cmd = (...args: string[]) =>
      runClient("s3cmd", ["-c", config, "--no-progress", ...args], {});
    const dir = mkdtempSync(join(tmpdir(), "s3cmd-"));
    const big = randomFile(dir, "big.bin", 64 * MiB);
    expect((await s3cmd("mb", `s3://${BUCKET}`)).code).toBe(0);
    const put = await s3cmd(
      "put",
      "--multipart-chunk-size-mb=8",
      big.path,
      `s3://${BUCKET}/big.bin`,
    );
    expect(put.code, put.stderr).toBe(0);
    for (const name of ["d/a/1.txt", "d/b/2.txt", "d/top.txt"]) {
      const local = join(dir, name.replaceAll("/", "_"));
      writeFileSync(local, `hello ${name}\n`);
      expect((await s3cmd("put", local, `s3://${BUCKET}/${name}`)).code).toBe(0);
    }
    const listed = await s3cmd("ls", `s3://${BUCKET}/d/`);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/DIR\s+s3:\/\/s3cmd-photos\/d\/a\//);
    expect(listed.stdout).toMatch(/DIR\s+s3:\/\/s3cmd-photos\/d\/b\//);
    expect(listed.stdout).toContain("s3://s3cmd-photos/d/top.txt");

    const down = join(dir, "down.bin");
    expect((await s3cmd("get", `s3://${BUCKET}/big.bin`, down)).code).toBe(0);
    expect(await sha256OfFile(down)).toBe(big.sha256);
    expect((await s3cmd("cp", `s3://${BUCKET}/big.bin`, `s3://${BUCKET}/copy.bin`)).code).toBe(0);
    const copied = join(dir, "copied.bin");
    expect((await s3cmd("get", `s3://${BUCKET}/copy.bin`, copied)).code).toBe(0);
    expect(await sha256OfFile(copied)).toBe(big.sha256);

    expect((await s3cmd("del", "--recursive", "--force", `s3://${BUCKET}`)).code).toBe(0);
    expect((await s3cmd("ls", `s3://${BUCKET}`)).stdout.trim()).toBe("");
    expect((await s3cmd("rb", `s3://${BUCKET}`)).code).toBe(0);
  });
});
