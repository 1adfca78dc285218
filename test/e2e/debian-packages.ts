/**
 * Debian packages the e2e tests drive (Chromium, the S3 clients). When one is missing and
 * this process may use apt-get (root), it is installed here, so that `npm test` needs
 * nothing done by hand; `.ci/run` installs them up front as well.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Installs each package whose file is absent; throws with what to do when it cannot. */
export function ensureDebianPackages(wanted: Record<string, string>): void {
  const missing = Object.entries(wanted)
    .filter(([, path]) => !existsSync(path))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing ${missing.join(", ")}: run "sudo apt-get install -y ${missing.join(" ")}"`,
    );
  }
  execSync(`apt-get update -qq && apt-get install -y -qq ${missing.join(" ")}`, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
