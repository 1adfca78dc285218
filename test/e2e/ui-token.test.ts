import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();

describe("the dashboard with a token set", () => {
  it("serves /ui without a token but shows no data, and its data needs the token", async () => {
    const response = await fetch(`${baseUrl}/ui`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('id="token-form"');
    expect(body).not.toContain('data-group="default"');
    expect((await fetch(`${baseUrl}/ui/live`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/ui/live/groups/default`)).status).toBe(401);
  });

  it("asks for the token once, refuses a wrong one, and then shows the cluster", async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(`${baseUrl}/ui`);
    await page.locator("#token").waitFor();
    await expect(page.locator('[data-group="default"]').count()).resolves.toBe(0);
    await page.screenshot({ path: shot("token"), fullPage: true });

    await page.fill("#token", "not-the-token");
    await page.press("#token", "Enter");
    await page.locator("#live-status", { hasText: "refused" }).waitFor();
    await expect(page.locator('[data-group="default"]').count()).resolves.toBe(0);

    await page.fill("#token", token);
    await page.press("#token", "Enter");
    await page.locator('[data-group="default"] .leader').waitFor();
    await expect(page.locator("#token-form").isVisible()).resolves.toBe(false);
    // Kept for the session: another page of the dashboard does not ask again.
    await page.goto(`${baseUrl}/ui/groups/default`);
    await page.locator("#leader").waitFor();
    expect(requested.some((url) => url.includes(token))).toBe(false);
    await page.close();
  });
});
