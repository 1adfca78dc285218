import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();

async function signedIn(width: number): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
  return page;
}

const TOKYO = { lat: 35.7, lon: 139.7 };

/** Submits a job of `kind` through the API, from Tokyo unless told; answers its id. */
async function submitJob(kind: string, input: unknown, origin = TOKYO): Promise<string> {
  const submitted = await fetch(`${baseUrl}/v1/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ kind, input, origin }),
  });
  expect(submitted.status).toBe(202);
  return ((await submitted.json()) as { id: string }).id;
}

async function jobSite(id: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/jobs/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { site: string }).site;
}

describe("the jobs page", () => {
  it("shows a job submitted through the API moving to succeeded, its site on the map, and filters by state", async () => {
    const page = await signedIn(1280);
    await page.goto(`${baseUrl}/ui/jobs`);
    await page.locator("#live-status", { hasText: "Live" }).waitFor();
    await page.evaluate("window.__sameDocument = true");

    const paris = await submitJob("sha256", { text: "from paris" }, { lat: 48.86, lon: 2.35 });
    // Submitted together, these two are placed in one batch: the last placement.
    const [id, sydney] = await Promise.all([
      submitJob("sha256", { text: "ui" }),
      submitJob("sha256", { text: "from sydney" }, { lat: -33.87, lon: 151.21 }),
    ]);
    for (const other of [paris, sydney]) {
      await page
        .locator(`tr[data-job="${other}"] .state`, { hasText: "succeeded" })
        .waitFor({ timeout: 60_000 });
    }
    const row = page.locator(`tr[data-job="${id}"]`);
    await row.locator(".state", { hasText: "succeeded" }).waitFor({ timeout: 60_000 });
    await expect(page.evaluate("window.__sameDocument")).resolves.toBe(true);
    await expect(row.locator("time").first().getAttribute("datetime")).resolves.toMatch(/^\d{4}-/);
    for (const job of [id, paris, sydney]) {
      await page.locator(`svg.map [data-site="${await jobSite(job)}"]`).waitFor();
    }
    await expect(page.locator("figcaption").innerText()).resolves.toContain("the last placement");
    await page.screenshot({ path: shot("jobs"), fullPage: true });

    await page.click('nav.crumbs a:text-is("failed")');
    await page.locator("h2", { hasText: "Jobs failed" }).waitFor();
    await page.locator("#live-status", { hasText: "Live" }).waitFor();
    await expect(page.locator(`tr[data-job="${id}"]`).count()).resolves.toBe(0);
    await page.close();
  });

  it("links each job to its page", async () => {
    const id = await submitJob("sha256", { text: "linked" });
    const page = await signedIn(1280);
    await page.goto(`${baseUrl}/ui/jobs`);
    const link = page.locator(`tr[data-job="${id}"] a`);
    await link.waitFor({ timeout: 30_000 });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/ui/jobs/${id}`);
    await page.locator("#h-job", { hasText: id }).waitFor();
    await page.close();
  });
});

describe("a job's page", () => {
  it("shows a job submitted through the API with its attempt, succeeded with its result", async () => {
    const page = await signedIn(1280);
    const id = await submitJob("sha256", { text: "attempts" });
    await page.goto(`${baseUrl}/ui/jobs/${id}`);
    await page.evaluate("window.__sameDocument = true");
    await page.locator("#job-state", { hasText: "succeeded" }).waitFor({ timeout: 60_000 });
    await expect(page.evaluate("window.__sameDocument")).resolves.toBe(true);
    const attempt = page.locator('#attempts tr[data-attempt="1"]');
    await expect(attempt.locator(".outcome").innerText()).resolves.toBe("succeeded");
    await expect(attempt.locator(".ran").innerText()).resolves.toMatch(/^\d+(\.\d)? m?s$/);
    await expect(attempt.locator("time").first().getAttribute("datetime")).resolves.toMatch(
      /^\d{4}-/,
    );
    await expect(page.locator("#attempts tbody tr").count()).resolves.toBe(1);
    await expect(page.locator("#job-site").innerText()).resolves.toContain(await jobSite(id));
    const digest = createHash("sha256").update("attempts").digest("hex");
    await expect(page.locator("#result").innerText()).resolves.toContain(digest);
    await page.screenshot({ path: shot("job"), fullPage: true });
    await page.close();
  });

  it("shows the result and fits a phone's width, dark", async () => {
    const text = `phone ${Date.now()}`;
    const id = await submitJob("sha256", { text });
    const page = await signedIn(390);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${baseUrl}/ui/jobs/${id}`);
    await page.locator("#job-state", { hasText: "succeeded" }).waitFor({ timeout: 60_000 });
    const digest = createHash("sha256").update(text).digest("hex");
    await expect(page.locator("#result").innerText()).resolves.toContain(digest);
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot("job-phone-dark"), fullPage: true });
    await page.goto(`${baseUrl}/ui/jobs`);
    await page.locator("svg.map .site").first().waitFor();
    await page.screenshot({ path: shot("jobs-phone-dark"), fullPage: true });
    await page.close();
  });

  it("answers an id that is not a job with the API's problem", async () => {
    const page = await signedIn(1280);
    await page.goto(`${baseUrl}/ui/jobs/not-a-job`);
    await page.locator("#live .problem", { hasText: "Unavailable (400)" }).waitFor();
    await page.close();
  });
});
