import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";
import { awsEnv, ensureS3Clients, runClient } from "./s3-clients";

const baseUrl = inject("baseUrl");
const token = inject("token");
const key = inject("s3Key");
const env = { EDGEOS_URL: baseUrl, EDGEOS_TOKEN: token };
const BUCKET = "both-ways";

function aws(...args: string[]) {
  return runClient("aws", ["--endpoint-url", `${baseUrl}/s3`, ...args], awsEnv(key));
}

beforeAll(() => ensureS3Clients());

describe("one storage path: S3 objects are files, and files are objects", () => {
  it("shows an object written through S3 to /v1/volumes and to edgeos fs, and the other way round", async () => {
    const dir = mkdtempSync(join(tmpdir(), "both-"));
    writeFileSync(join(dir, "via-s3.txt"), "written through S3\n");
    expect((await aws("s3", "mb", `s3://${BUCKET}`)).code).toBe(0);
    expect(
      (await aws("s3", "cp", join(dir, "via-s3.txt"), `s3://${BUCKET}/docs/via-s3.txt`)).code,
    ).toBe(0);

    const native = await fetch(`${baseUrl}/v1/volumes/${BUCKET}/files/docs/via-s3.txt`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await native.text()).toBe("written through S3\n");
    const cat = await edgeos(["fs", "cat", "/docs/via-s3.txt", "--volume", BUCKET], env);
    expect(cat.stdout).toBe("written through S3\n");
    const listed = await edgeos(["fs", "ls", "/docs", "--volume", BUCKET], env);
    expect(listed.stdout).toContain("via-s3.txt");

    writeFileSync(join(dir, "via-cli.txt"), "written through edgeos fs\n");
    expect(
      (
        await edgeos(
          ["fs", "put", join(dir, "via-cli.txt"), "/docs/via-cli.txt", "--volume", BUCKET],
          env,
        )
      ).code,
    ).toBe(0);
    const got = await aws("s3", "cp", `s3://${BUCKET}/docs/via-cli.txt`, "-");
    expect(got.stdout).toBe("written through edgeos fs\n");
    const page = JSON.parse((await aws("s3api", "list-objects-v2", "--bucket", BUCKET)).stdout);
    expect(page.Contents.map((c: { Key: string }) => c.Key)).toEqual([
      "docs/via-cli.txt",
      "docs/via-s3.txt",
    ]);

    const volumes = await fetch(`${baseUrl}/v1/volumes`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      ((await volumes.json()) as { volumes: { name: string }[] }).volumes.map((v) => v.name),
    ).toContain(BUCKET);
    const buckets = JSON.parse((await aws("s3api", "list-buckets")).stdout);
    expect(buckets.Buckets.map((b: { Name: string }) => b.Name)).toContain(BUCKET);
  });
});
