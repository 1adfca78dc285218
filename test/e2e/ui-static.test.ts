import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, uiScreenshot as shot } from "./chromium";
import { type DevServer, startWranglerDev } from "./wrangler-dev";

let browser: Browser;
let server: DevServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startWranglerDev()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

describe("the dashboard of a deployment without a token", () => {
  it("renders the whole overview on the server, so it reads without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/ui`);
    await expect(page.locator("#token-form").isVisible()).resolves.toBe(false);
    const group = page.locator('[data-group="default"]');
    await expect(group.locator(".leader").innerText()).resolves.toMatch(/^replica [1-3]$/);
    await expect(group.locator(".tolerance").innerText()).resolves.toBe("can lose 1 replica");
    await expect(page.locator('[data-ring="default"]').innerText()).resolves.toContain("chord");
    await expect(page.locator("#live-status").innerText()).resolves.toContain("JavaScript");
    // No action that would need the script is offered.
    await page.goto(`${server.url}/ui/groups/default`);
    await expect(page.locator("[data-transfer]").first().isVisible()).resolves.toBe(false);
    await page.screenshot({ path: shot("group-static"), fullPage: true });
    await context.close();
  });

  it("browses a volume and downloads a file through its plain link, without JavaScript", async () => {
    const put = await fetch(`${server.url}/v1/volumes/default/files/static/readme.txt`, {
      method: "PUT",
      body: "read me\n",
    });
    expect(put.status).toBe(201);
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/ui/volumes/default`);
    await page.locator('tr[data-entry="static"] a').click();
    await page.locator('tr[data-entry="readme.txt"]', { hasText: "8 B" }).waitFor();
    await expect(page.locator("#upload-form").isVisible()).resolves.toBe(false);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('tr[data-entry="readme.txt"] a'),
    ]);
    await expect(readFile(await download.path(), "utf8")).resolves.toBe("read me\n");
    await context.close();
  });

  it("goes live with JavaScript and never asks for a token", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/ui`);
    await page.locator("#live-status", { hasText: "Live" }).waitFor();
    await expect(page.locator("#token-form").isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-group="default"] .leader').count()).resolves.toBe(1);
    await page.close();
  });
});
