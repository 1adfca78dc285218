/**
 * One `wrangler dev` for the whole e2e run, started with a bearer token and the dev-only
 * fault routes enabled; its URL and token are provided to the tests.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startWranglerDev } from "./wrangler-dev";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    token: string;
    serverGroup: number;
    /** The S3 access key and secret the server accepts. */
    s3Key: { accessKey: string; secret: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const token = randomBytes(24).toString("hex");
  const s3Key = { accessKey: "e2e-access", secret: randomBytes(20).toString("hex") };
  const server = await startWranglerDev({
    EDGEOS_TOKEN: token,
    EDGEOS_DEV_FAULTS: "1",
    EDGEOS_S3_KEYS: `${s3Key.accessKey}:${s3Key.secret}`,
  });
  project.provide("baseUrl", server.url);
  project.provide("token", token);
  project.provide("s3Key", s3Key);
  project.provide("serverGroup", server.processGroup);
  return () => server.stop();
}
