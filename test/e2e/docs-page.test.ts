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
    // One anchor per operation, each linked from the table of contents.
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method}-${path}`),
    );
    const anchors = await page
      .locator("section.op[id]")
      .evaluateAll((nodes) => nodes.map((n) => n.id));
    expect(anchors.sort()).toEqual([...operations].sort());
    for (const id of operations)
      await expect(page.locator(`nav a[href="#${id}"]`).count()).resolves.toBe(1);
    // Schemas are resolved and linked, never shown as raw references.
    const text = await page.locator("body").innerText();
    expect(text).not.toContain("$ref");
    expect(text).not.toContain("#/components/schemas");
    const txn = page.locator('section[id="post-/v1/groups/{group}/txn"]');
    await expect(txn.locator('a[href="#schema-Txn"]').count()).resolves.toBeGreaterThan(0);
    await expect(txn.innerText()).resolves.toContain("compare[].target");
    // Every operation shows an example request; every JSON answer an example response.
    for (const id of operations) {
      const labels = await page.locator(`section[id="${id}"] .example .label`).allInnerTexts();
      expect(labels.map((label) => label.toLowerCase())).toContain("request");
    }
    await expect(txn.locator(".example").innerText()).resolves.toContain('"config/owner"');
    await page.close();
  });

  it("filters operations with the search box and fits a phone's width", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${baseUrl}/docs`);
    // A string expression: this file is type-checked without the DOM library.
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.fill("#search", "placement");
    const visible = await page
      .locator("section.op")
      .evaluateAll((nodes) => nodes.filter((n) => !n.hasAttribute("hidden")).map((n) => n.id));
    expect(visible).toEqual(["post-/v1/placement"]);
    await page.close();
  });

  it("shows every operation and no search box when scripts are off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/docs`);
    await expect(page.locator("#search").isVisible()).resolves.toBe(false);
    await expect(page.locator('section[id="post-/v1/placement"]').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("is linked from the index at / that a browser gets as HTML", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.click('a[href="/docs"]');
    expect(page.url()).toBe(`${baseUrl}/docs`);
    await page.close();
  });

  it("links problem types to their anchors and to /openapi.json", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs#problem-not-found`);
    await expect(page.locator("#problem-not-found").isVisible()).resolves.toBe(true);
    await page.click('a[href="/openapi.json"]');
    expect(page.url()).toBe(`${baseUrl}/openapi.json`);
  });
});
