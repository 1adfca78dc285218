/**
 * A real headless Chromium for page tests, from Debian's `chromium` package. When it is
 * missing and this process may use apt-get (root), it is installed here, so that
 * `npm test` needs nothing done by hand; `.ci/run` installs it up front as well.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Debian's package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Installs Debian's chromium when absent; throws with what to do when it cannot. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM_PATH} is missing: run "sudo apt-get install -y chromium"`);
  }
  execSync("apt-get update -qq && apt-get install -y -qq chromium", {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** Launches headless Chromium (fresh profile) with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
