import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const name = `ui-group-${Date.now().toString(36)}`;
let browser: Browser;

/** A call to the API with the token. */
async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The group's page, its session already holding the token. */
async function groupPage(query = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
  await page.goto(`${baseUrl}/ui/groups/${name}${query}`);
  await page.locator("#leader").waitFor();
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  expect((await api("POST", "/v1/groups", { name, engine: "raft", replicas: 3 })).status).toBe(201);
  for (const key of ["config/app/port", "config/app/host", "config/log", "motd"]) {
    expect((await api("PUT", `/v1/groups/${name}/kv/${key}`, { value: `v-${key}` })).status).toBe(
      200,
    );
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("a group's page", () => {
  it("hands leadership over when a Make leader button is clicked and confirmed", async () => {
    const page = await groupPage();
    const before = Number((await page.locator("#leader").innerText()).replace("replica ", ""));
    const target = before === 2 ? 3 : 2;
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.focus(`#transfer-${target}`);
    await page.keyboard.press("Enter");
    await page.locator("#leader", { hasText: `replica ${target}` }).waitFor({ timeout: 30_000 });
    expect(dialogs).toEqual([`Make replica ${target} the leader of group ${name}?`]);
    const status = (await (await api("GET", `/v1/groups/${name}`)).json()) as { leader: number };
    expect(status.leader).toBe(target);
    // The new leader has heard from both others since: each row says how long ago.
    for (const other of [1, 2, 3].filter((id) => id !== target)) {
      await page
        .locator(`tr[data-replica="${other}"] time`, { hasText: /^\d+ s ago$/ })
        .waitFor({ timeout: 15_000 });
    }
    await page.screenshot({ path: shot("group"), fullPage: true });
    await page.close();
  });

  it("changes nothing when the confirmation is dismissed", async () => {
    const page = await groupPage();
    const before = await page.locator("#leader").innerText();
    const target = before === "replica 2" ? 3 : 2;
    page.on("dialog", (dialog) => void dialog.dismiss());
    await page.click(`#transfer-${target}`);
    await page.waitForTimeout(1000);
    await expect(page.locator("#leader").innerText()).resolves.toBe(before);
    await page.close();
  });

  it("browses keys one folder at a time and shows a value", async () => {
    const page = await groupPage();
    const keys = page.locator("ul.keys > li");
    await expect(keys.allInnerTexts()).resolves.toEqual([
      "config/",
      expect.stringContaining("motd"),
    ]);
    await page.click('ul.keys a:text-is("config/")');
    await page.locator('ul.keys a:text-is("app/")').click();
    const port = page.locator("ul.keys li", { hasText: "port" });
    await port.locator("summary").click();
    await expect(port.locator("pre").innerText()).resolves.toBe("v-config/app/port");
    // A write elsewhere in the group changes the fragment; the open value stays open.
    expect(
      (await api("PUT", `/v1/groups/${name}/kv/config/app/host`, { value: "h2" })).status,
    ).toBe(200);
    await page
      .locator("ul.keys li", { hasText: "host" })
      .locator("pre", { hasText: "h2" })
      .waitFor({ state: "attached" });
    await expect(port.locator("pre").isVisible()).resolves.toBe(true);
    await expect(page.locator("nav.crumbs").innerText()).resolves.toContain("config/ app/");
    await page.screenshot({ path: shot("group-keys"), fullPage: true });
    await page.close();
  });
  it("adds a member and removes it again, each once confirmed", async () => {
    const page = await groupPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.fill("#add-member", "4");
    await page.press("#add-member", "Enter");
    await page.locator('tr[data-replica="4"]').waitFor({ timeout: 30_000 });
    const added = (await (await api("GET", `/v1/groups/${name}`)).json()) as {
      members: { id: number }[];
    };
    expect(added.members.map((m) => m.id)).toContain(4);

    await page.click("#remove-4");
    await page.locator('tr[data-replica="4"]').waitFor({ state: "detached", timeout: 30_000 });
    expect(dialogs).toEqual([
      `Add replica 4 to group ${name}?`,
      `Remove replica 4 from group ${name}?`,
    ]);
    const removed = (await (await api("GET", `/v1/groups/${name}`)).json()) as {
      members: { id: number }[];
    };
    expect(removed.members.map((m) => m.id)).not.toContain(4);
    await page.close();
  });
});
