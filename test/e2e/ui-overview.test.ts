import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();

/** A dashboard page whose session already holds the token. */
async function signedIn(width: number): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
  return page;
}

describe("the dashboard's overview", () => {
  it("shows the default group with its leader and failure tolerance, and the default ring", async () => {
    const page = await signedIn(1280);
    await page.goto(`${baseUrl}/ui`);
    const group = page.locator('[data-group="default"]');
    await group.locator(".leader").waitFor();
    await expect(group.locator(".leader").innerText()).resolves.toMatch(/^replica [1-3]$/);
    await expect(group.locator(".tolerance").innerText()).resolves.toBe("can lose 1 replica");
    await expect(group.locator("tr[data-replica]").count()).resolves.toBe(3);
    const ring = page.locator('[data-ring="default"]');
    await expect(ring.innerText()).resolves.toContain("16 live nodes of 16 hosts");
    await expect(page.locator("#count-volumes").innerText()).resolves.toMatch(/\d+ volumes?/);
    await page.screenshot({ path: shot("overview"), fullPage: true });
    await page.close();
  });

  it("fits a phone's width", async () => {
    const page = await signedIn(390);
    await page.goto(`${baseUrl}/ui`);
    await page.locator('[data-group="default"] .leader').waitFor();
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot("overview-phone"), fullPage: true });
    await page.close();
  });

  it("follows a dark colour scheme", async () => {
    const page = await signedIn(1280);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${baseUrl}/ui`);
    await page.locator('[data-group="default"] .leader').waitFor();
    const background = await page.evaluate<string>(
      "getComputedStyle(document.body).backgroundColor",
    );
    expect(background).toBe("rgb(13, 17, 23)");
    await page.screenshot({ path: shot("overview-dark"), fullPage: true });
    await page.close();
  });

  it("shows a group created through the API without a reload", async () => {
    const name = `ui-live-${Date.now().toString(36)}`;
    const page = await signedIn(1280);
    await page.goto(`${baseUrl}/ui?group=${name}`);
    const card = page.locator(`[data-group="${name}"]`);
    await card.locator(".problem", { hasText: "404" }).waitFor();
    await page.evaluate("window.__sameDocument = true");

    const created = await fetch(`${baseUrl}/v1/groups`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name, engine: "raft", replicas: 3 }),
    });
    expect(created.status).toBe(201);
    await card.locator(".leader").waitFor({ timeout: 30_000 });
    await expect(page.evaluate("window.__sameDocument")).resolves.toBe(true);
    await page.close();
  });
});
