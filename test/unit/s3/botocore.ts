/**
 * Debian's botocore as an S3 client: `parseWithBotocore` hands an answer built here to
 * fixtures/parse_with_botocore.py and returns what botocore would hand its caller;
 * `serializeWithBotocore` returns the XML body botocore would send; `documentedS3Errors`
 * is S3's list of error codes as botocore's model documents it.
 * The package is installed by the test setup when missing (apt-get, as root), as the e2e
 * tests install Chromium, so these tests never skip silently.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureDebianPackages } from "../../e2e/debian-packages";

/** Debian's python, which sees Debian's python3-botocore. */
const PYTHON = "/usr/bin/python3";

/** The path of a script beside this file, in fixtures/. */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** One answer to parse, as botocore receives it. */
export interface BotocoreCase {
  /** The S3 operation whose output shape reads the body (`ListObjectsV2`). */
  operation: string;
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** URL-decode a listing as botocore does when it asked for encoding-type=url itself. */
  autoUrl?: boolean;
}

/** Installs python3 and python3-botocore when absent; throws with what to do when it cannot. */
export function ensureBotocore(): void {
  ensureDebianPackages({
    python3: PYTHON,
    "python3-botocore": "/usr/lib/python3/dist-packages/botocore/__init__.py",
  });
}

/** What botocore parses out of `input` (timestamps as ISO strings). */
export function parseWithBotocore(input: BotocoreCase): Record<string, unknown> {
  const out = execFileSync(PYTHON, [fixture("parse_with_botocore.py")], {
    input: JSON.stringify(input),
    encoding: "utf8",
  });
  return JSON.parse(out) as Record<string, unknown>;
}

/** The XML body botocore sends for `operation` with boto3's `params`. */
export function serializeWithBotocore(operation: string, params: Record<string, unknown>): string {
  return execFileSync(PYTHON, [fixture("serialize_with_botocore.py")], {
    input: JSON.stringify({ operation, params }),
    encoding: "utf8",
  });
}

/** S3's documented error codes with their HTTP status, from botocore's S3 model. */
export function documentedS3Errors(): Record<string, { status: number; description: string }> {
  const out = execFileSync(PYTHON, [fixture("s3_error_codes.py")], { encoding: "utf8" });
  return JSON.parse(out) as Record<string, { status: number; description: string }>;
}
