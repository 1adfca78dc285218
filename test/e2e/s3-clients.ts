/**
 * The real S3 clients the e2e tests drive — the AWS CLI, rclone, s3cmd and boto3, all from
 * Debian (installed by the test setup when missing) — each configured for the test
 * server's endpoint and key, with no configuration file of the user's consulted.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebianPackages } from "./debian-packages";

/** Debian's python, which holds Debian's boto3 (not a pyenv python that may come first on PATH). */
export const DEBIAN_PYTHON = "/usr/bin/python3";

/** The clients' packages and a file each installs. */
const CLIENT_PACKAGES = {
  awscli: "/usr/bin/aws",
  rclone: "/usr/bin/rclone",
  s3cmd: "/usr/bin/s3cmd",
  "python3-boto3": "/usr/lib/python3/dist-packages/boto3/__init__.py",
};

/** Installs the clients when absent. */
export function ensureS3Clients(): void {
  ensureDebianPackages(CLIENT_PACKAGES);
}

/** An S3 access key pair. */
export interface S3Key {
  accessKey: string;
  secret: string;
}

/** Exit code and output of one client run. */
export interface ClientRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a client; never throws on a non-zero exit (the test asserts the code). */
export function runClient(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<ClientRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: mkdtempSync(join(tmpdir(), "s3-home-")),
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
  });
}

/** The AWS CLI's environment: the key, a region, and no profile or instance metadata. */
export function awsEnv(key: S3Key): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: key.accessKey,
    AWS_SECRET_ACCESS_KEY: key.secret,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
}

/** rclone's environment: a remote named `edgeos` on the endpoint, defined by variables only. */
export function rcloneEnv(baseUrl: string, key: S3Key): Record<string, string> {
  // An empty file, so rclone does not print that it found none.
  const config = join(mkdtempSync(join(tmpdir(), "rclone-")), "rclone.conf");
  writeFileSync(config, "");
  return {
    RCLONE_CONFIG: config,
    RCLONE_CONFIG_EDGEOS_TYPE: "s3",
    RCLONE_CONFIG_EDGEOS_PROVIDER: "Other",
    RCLONE_CONFIG_EDGEOS_ENDPOINT: `${baseUrl}/s3`,
    RCLONE_CONFIG_EDGEOS_ACCESS_KEY_ID: key.accessKey,
    RCLONE_CONFIG_EDGEOS_SECRET_ACCESS_KEY: key.secret,
    RCLONE_CONFIG_EDGEOS_REGION: "us-east-1",
    RCLONE_CONFIG_EDGEOS_FORCE_PATH_STYLE: "true",
  };
}

/**
 * An s3cmd configuration file for the endpoint. s3cmd cannot put a path before the
 * bucket, so it talks to the root, where a SigV4-signed request is an S3 request.
 */
export function s3cmdConfig(baseUrl: string, key: S3Key): string {
  const host = new URL(baseUrl).host;
  const path = join(mkdtempSync(join(tmpdir(), "s3cmd-")), "s3cfg");
  writeFileSync(
    path,
    [
      "[default]",
      `access_key = ${key.accessKey}`,
      `secret_key = ${key.secret}`,
      `host_base = ${host}`,
      `host_bucket = ${host}`,
      "use_https = False",
      "signature_v2 = False",
      "bucket_location = us-east-1",
      "check_ssl_certificate = False",
      "",
    ].join("\n"),
  );
  return path;
}

/** Writes `size` random bytes to a new file; its path and SHA-256. */
export function randomFile(
  dir: string,
  name: string,
  size: number,
): { path: string; sha256: string } {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** The SHA-256 of a file on disk, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
