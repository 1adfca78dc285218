import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();
const group = `ui-req-${Date.now().toString(36)}`;

/** A call to the API with the token. */
function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("the overview's requests", () => {
  it("shows requests per route family and a write that failed, live", async () => {
    expect(
      (await api("POST", "/v1/groups", { name: group, engine: "raft", replicas: 3 })).status,
    ).toBe(201);
    for (let i = 0; i < 20; i++) {
      expect((await api("PUT", `/v1/groups/${group}/kv/k${i}`, { value: "v" })).status).toBe(200);
    }
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
    await page.goto(`${baseUrl}/ui`);
    const kv = page.locator('#requests tr[data-family="kv"]');
    await kv.waitFor();
    const cells = await kv.locator("td").allInnerTexts();
    expect(Number(cells[1]?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(20);
    expect(cells[3]).toMatch(/^[\d.]+ (ms|s)$/);

    // Every replica cut off from the others: a write cannot commit and answers a 5xx.
    expect(
      (await api("POST", `/v1/_faults/groups/${group}`, { partition: [[1], [2], [3]] })).status,
    ).toBe(200);
    const failed = await api("PUT", `/v1/groups/${group}/kv/cut-off`, { value: "v" });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const requestId = failed.headers.get("edgeos-request-id") ?? "";
    const answer = (await failed.json()) as { outcome?: string };
    expect((await api("DELETE", `/v1/_faults/groups/${group}`)).status).toBe(200);

    const shown = page.locator(`#problems li[data-request="${requestId}"]`);
    await shown.waitFor({ timeout: 30_000 });
    const text = await shown.innerText();
    expect(text).toContain(`PUT /v1/groups/${group}/kv/cut-off`);
    expect(text).toContain(String(failed.status));
    expect(text.includes("outcome unknown")).toBe(answer.outcome === "unknown");
    await page.screenshot({ path: shot("overview-requests"), fullPage: true });
    await page.close();
  });
});
