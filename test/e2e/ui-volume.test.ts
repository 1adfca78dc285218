import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile, uiScreenshot as shot } from "./chromium";

const baseUrl = inject("baseUrl");
const token = inject("token");
const browser = chromiumForFile();
const dir = `/ui-volume-${Date.now().toString(36)}`;

/** A call to the API with the token. */
function api(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    ...init,
    method,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The default volume's page at `path`, its session holding the token, every dialog accepted. */
async function volumePage(path: string, dialogs: string[]): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(`sessionStorage.setItem("edgeos-token", ${JSON.stringify(token)})`);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto(`${baseUrl}/ui/volumes/default?path=${encodeURIComponent(path)}`);
  await page.locator("#volume-files").waitFor();
  return page;
}

describe("a volume's page", () => {
  it("makes a folder, uploads into it, downloads the same bytes and deletes, each confirmed", async () => {
    const dialogs: string[] = [];
    const page = await volumePage("/", dialogs);
    await expect(page.locator("#volume-under").innerText()).resolves.toMatch(/^none$|short of/);

    await page.fill("#new-dir", dir.slice(1));
    await page.click("#mkdir-form button");
    await page.locator(`tr[data-entry="${dir.slice(1)}"] a`).click();
    await page.locator("nav.crumbs", { hasText: dir.slice(1) }).waitFor();

    // 2.5 MiB: three chunks, so the upload streams more than one.
    const content = randomBytes(2.5 * 1024 * 1024);
    await page.setInputFiles("#upload-files", [
      { name: "data set.bin", mimeType: "application/octet-stream", buffer: content },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello\n") },
    ]);
    await page.click("#upload-form button");
    await page.locator("#action-status", { hasText: "Uploaded 2 of 2 files" }).waitFor();
    await page.locator('tr[data-entry="data set.bin"]', { hasText: "2.5 MiB" }).waitFor();
    const stored = await api("GET", `/v1/volumes/default/files${dir}/data%20set.bin`);
    expect(stored.status).toBe(200);
    expect(sha256(new Uint8Array(await stored.arrayBuffer()))).toBe(sha256(content));

    // With a token, the link is fetched with it: the saved file holds the same bytes.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('tr[data-entry="data set.bin"] a'),
    ]);
    expect(download.suggestedFilename()).toBe("data set.bin");
    expect(sha256(await readFile(await download.path()))).toBe(sha256(content));
    await page.screenshot({ path: shot("volume"), fullPage: true });

    // The same name again asks before it replaces.
    await page.setInputFiles("#upload-files", {
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("replaced\n"),
    });
    await page.click("#upload-form button");
    await page.locator("#action-status", { hasText: "Uploaded 1 of 1 file" }).waitFor();
    const notes = await api("GET", `/v1/volumes/default/files${dir}/notes.txt`);
    await expect(notes.text()).resolves.toBe("replaced\n");

    await page.click('tr[data-entry="notes.txt"] button[data-delete-file]');
    await page.locator('tr[data-entry="notes.txt"]').waitFor({ state: "detached" });
    expect((await api("HEAD", `/v1/volumes/default/files${dir}/notes.txt`)).status).toBe(404);
    expect(dialogs).toEqual([
      `Make folder ${dir.slice(1)} in /?`,
      `Upload 2 files (2.5 MiB) to ${dir}?`,
      `Upload notes.txt (9 B) to ${dir}?`,
      `notes.txt exists in ${dir}; replace it?`,
      `Delete ${dir}/notes.txt?`,
    ]);
    await page.close();
  });

  it("keeps a chosen file across live refreshes and shows the volume's counts on the overview", async () => {
    // A file listed with its age: every refresh renders a new fragment.
    const listed = `${dir}-kept/listed.txt`;
    expect((await api("PUT", `/v1/volumes/default/files${listed}`, { body: "x" })).status).toBe(
      201,
    );
    const page = await volumePage(`${dir}-kept`, []);
    await page.setInputFiles("#upload-files", {
      name: "kept.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("kept"),
    });
    // Once a refresh has swapped the listing in anew (every 5 s), the choice is still there.
    await page.$eval("#entries", (table) => table.setAttribute("data-before", ""));
    await page.locator("#entries:not([data-before])").waitFor({ timeout: 15_000 });
    const chosen = await page.evaluate<string | undefined>(
      'document.getElementById("upload-files").files[0]?.name',
    );
    expect(chosen).toBe("kept.txt");

    await page.goto(`${baseUrl}/ui`);
    const row = page.locator('#volumes tr[data-volume="default"]');
    await row.locator("a").waitFor();
    await expect(row.innerText()).resolves.toMatch(/\d+ files?\t[\d.]+ (?:B|KiB|MiB)\t[\d.]+×\t/);
    await page.close();
  });
});
