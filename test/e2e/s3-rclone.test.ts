import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensureS3Clients, randomFile, rcloneEnv, runClient, sha256OfFile } from "./s3-clients";

const baseUrl = inject("baseUrl");
const key = inject("s3Key");
const MiB = 1024 * 1024;
const BUCKET = "rclone-photos";
/** The tree: 500 files in nested directories. */
const TREE_FILES = 500;

function rclone(...args: string[]) {
  // Multipart from 8 MiB in 5 MiB parts (S3's smallest), so the 64 MiB file goes in parts.
  return runClient(
    "rclone",
    ["--s3-upload-cutoff", "8M", "--s3-chunk-size", "5M", ...args],
    rcloneEnv(baseUrl, key),
  );
}

beforeAll(() => ensureS3Clients());

describe("rclone against the S3 endpoint", () => {
  it("makes a bucket, uploads 64 MiB (multipart) and small files, lists, downloads, copies and deletes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rclone-"));
    const big = randomFile(dir, "big.bin", 64 * MiB);
    expect((await rclone("mkdir", `edgeos:${BUCKET}`)).code).toBe(0);
    const put = await rclone("copyto", big.path, `edgeos:${BUCKET}/big.bin`);
    expect(put.stderr).toBe("");
    expect(put.code).toBe(0);
    for (const name of ["d/a/1.txt", "d/b/2.txt", "d/top.txt"]) {
      const local = join(dir, name.replaceAll("/", "_"));
      writeFileSync(local, `hello ${name}\n`);
      expect((await rclone("copyto", local, `edgeos:${BUCKET}/${name}`)).code).toBe(0);
    }
    const listed = await rclone("lsf", `edgeos:${BUCKET}/d`);
    expect(listed.stdout.trim().split("\n")).toEqual(["a/", "b/", "top.txt"]);

    const down = join(dir, "down.bin");
    expect((await rclone("copyto", `edgeos:${BUCKET}/big.bin`, down)).code).toBe(0);
    expect(await sha256OfFile(down)).toBe(big.sha256);
    expect(
      (await rclone("copyto", `edgeos:${BUCKET}/big.bin`, `edgeos:${BUCKET}/copy.bin`)).code,
    ).toBe(0);
    const copied = join(dir, "copied.bin");
    expect((await rclone("copyto", `edgeos:${BUCKET}/copy.bin`, copied)).code).toBe(0);
    expect(await sha256OfFile(copied)).toBe(big.sha256);

    expect((await rclone("deletefile", `edgeos:${BUCKET}/copy.bin`)).code).toBe(0);
    expect((await rclone("purge", `edgeos:${BUCKET}`)).code).toBe(0);
    expect((await rclone("lsf", "edgeos:")).stdout).not.toContain(BUCKET);
  });

  it(`syncs a tree of ${TREE_FILES} files and checks it clean, then syncs a change`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "rclone-tree-"));
    for (let i = 0; i < TREE_FILES; i++) {
      const sub = join(dir, `d${i % 10}`, `e${i % 7}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${i}.txt`), `file ${i} `.repeat(1 + (i % 50)));
    }
    expect((await rclone("mkdir", "edgeos:rclone-sync")).code).toBe(0);
    const synced = await rclone("sync", dir, "edgeos:rclone-sync/dir");
    expect(synced.stderr).toBe("");
    expect(synced.code).toBe(0);
    const checked = await rclone("check", dir, "edgeos:rclone-sync/dir");
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toContain(`${TREE_FILES} matching files`);

    writeFileSync(join(dir, "d0", "e0", "f0.txt"), "changed");
    expect((await rclone("sync", dir, "edgeos:rclone-sync/dir")).code).toBe(0);
    expect((await rclone("check", dir, "edgeos:rclone-sync/dir")).code).toBe(0);
    expect((await rclone("cat", "edgeos:rclone-sync/dir/d0/e0/f0.txt")).stdout).toBe("changed");
  });
});
