/**
 * A real headless Chromium for page tests, from Debian's `chromium` package (installed by
 * the test setup when missing).
 */
import { type Browser, chromium } from "playwright-core";
import { ensureDebianPackages } from "./debian-packages";

/** Where Debian's package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Installs Debian's chromium when absent; throws with what to do when it cannot. */
export function ensureChromium(): void {
  ensureDebianPackages({ chromium: CHROMIUM_PATH });
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
