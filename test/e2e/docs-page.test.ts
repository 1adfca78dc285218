import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("the /docs reference page in a real browser", () => {
  it("renders every operation of /openapi.json and links problem types to their anchors", async () => {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    expect(await page.title()).toBe("edgeos API reference");
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        await expect(page.locator(`section[id="${method}-${path}"]`).count()).resolves.toBe(1);
      }
    }
    await page.goto(`${baseUrl}/docs#problem-not-found`);
    await expect(page.locator("#problem-not-found").isVisible()).resolves.toBe(true);
    await page.click('a[href="/openapi.json"]');
    expect(page.url()).toBe(`${baseUrl}/openapi.json`);
  });
});
