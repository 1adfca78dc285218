import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";
import { freePort } from "./wrangler-dev";

const baseUrl = inject("baseUrl");
const token = inject("token");

describe("edgeos status", () => {
  it("prints the health of the running server", async () => {
    const result = await edgeos(["--url", baseUrl, "--token", token, "status"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("edgeos 0.1.0");
    expect(result.stdout).toContain("bearer token required");
  });

  it("prints machine output with --json and reads the URL from EDGEOS_URL", async () => {
    const result = await edgeos(["status", "--json"], { EDGEOS_URL: baseUrl });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "ok", auth: "token" });
  });

  it("fails with one clear line and a non-zero exit when nothing listens", async () => {
    const port = await freePort();
    const result = await edgeos(["--url", `http://127.0.0.1:${port}`, "status"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("cannot reach edgeos");
  });

  it("rejects unknown commands and bad flags with exit code 2", async () => {
    expect((await edgeos(["frobnicate"])).code).toBe(2);
    expect((await edgeos(["--url", "ftp://x", "status"])).code).toBe(2);
  });
});
