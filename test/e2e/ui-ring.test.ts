import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const name = `ui-ring-${Date.now().toString(36)}`;
let browser: Browser;

/** A call to the API with the token. */
async function api(method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  const ring = { name, overlay: "chord", nodes: 6, replication: 3 };
  expect((await api("POST", "/v1/rings", ring)).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

describe("a ring's page", () => {
  it("draws every node on a circle and shows keys written through the API live", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
    await page.goto(`${baseUrl}/ui/rings/${name}`);
    await page.locator("#imbalance", { hasText: "No keys" }).waitFor();
    await expect(page.locator("svg.ring g.node").count()).resolves.toBe(6);
    // Every node sits on the circle (radius 140 around the centre of a 360-unit square).
    const radii = await page
      .locator("svg.ring g.node circle")
      .evaluateAll((dots) =>
        dots.map((dot) =>
          Math.hypot(Number(dot.getAttribute("cx")) - 180, Number(dot.getAttribute("cy")) - 180),
        ),
      );
    for (const r of radii) expect(r).toBeCloseTo(140, 0);

    for (let i = 0; i < 12; i++) {
      expect((await api("PUT", `/v1/rings/${name}/keys/k${i}`, { value: "v" })).status).toBe(200);
    }
    await page.locator("#imbalance", { hasText: "the mean" }).waitFor({ timeout: 30_000 });
    // 12 keys, 3 copies each, as the page's next refreshes show them.
    const drawnKeys = async () => {
      const titles = await page.locator("svg.ring g.node title").allTextContents();
      return titles.reduce((sum, text) => sum + Number(/: (\d+) keys?$/.exec(text)?.[1]), 0);
    };
    const deadline = Date.now() + 30_000;
    while ((await drawnKeys()) !== 36 && Date.now() < deadline) await page.waitForTimeout(500);
    expect(await drawnKeys()).toBe(36);
    await page.screenshot({ path: shot("ring"), fullPage: true });
    await page.close();
  });
});
