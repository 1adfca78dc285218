import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();

describe("the jobs page", () => {
  it("shows a job submitted through the API moving to succeeded, and filters by state", async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
    await page.goto(`${baseUrl}/ui/jobs`);
    await page.locator("#live-status", { hasText: "Live" }).waitFor();
    await page.evaluate("window.__sameDocument = true");

    const submitted = await fetch(`${baseUrl}/v1/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        kind: "sha256",
        input: { text: "ui" },
        origin: { lat: 35.7, lon: 139.7 },
      }),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const row = page.locator(`tr[data-job="${id}"]`);
    await row.locator(".state", { hasText: "succeeded" }).waitFor({ timeout: 60_000 });
    await expect(page.evaluate("window.__sameDocument")).resolves.toBe(true);
    await expect(row.locator("time").first().getAttribute("datetime")).resolves.toMatch(/^\d{4}-/);
    await page.screenshot({ path: shot("jobs"), fullPage: true });

    await page.click('nav.crumbs a:text-is("failed")');
    await page.locator("h2", { hasText: "Jobs failed" }).waitFor();
    await page.locator("#live-status", { hasText: "Live" }).waitFor();
    await expect(page.locator(`tr[data-job="${id}"]`).count()).resolves.toBe(0);
    await page.close();
  });
});
