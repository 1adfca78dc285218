/**
 * A real headless Chromium for page tests, from Debian's `chromium` package (installed by
 * the test setup when missing).
 */
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
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

/**
 * Chromium for the calling test file: launched before its tests, closed after them. The
 * answer gives the browser once it is launched.
 */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium is launched in beforeAll; ask for it in a test");
    return browser;
  };
}

/** Where a dashboard test writes its screenshot `name` (docs/ui, linked from the README). */
export function uiScreenshot(name: string): string {
  return fileURLToPath(new URL(`../../docs/ui/${name}.png`, import.meta.url));
}
