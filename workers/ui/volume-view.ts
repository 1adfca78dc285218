/**
 * A volume's page: its counts (files, directories, bytes, the dedup ratio, chunks short of
 * copies) and a file browser, one directory and one page of entries at a time. Every file
 * links to its bytes (the script fetches them with the token when one is needed); with
 * JavaScript a directory takes uploads and new folders and a file can be deleted, each
 * once confirmed.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ApiGet, DirListing, Loaded, VolumeStatus } from "./api-types";
import { failed } from "./failed-section";
import { timeElement } from "./time-element";
import { bytes, count } from "./units";
import { childPath, dirCrumbs, volumeApiPath } from "./volume-path";
import { dedupText, underReplicatedText } from "./volume-text";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Entries one browser page lists. */
export const ENTRIES_PER_PAGE = 100;

/** A volume page's data. */
export interface VolumePage {
  name: string;
  /** The directory browsed, as asked for (`?path=`). */
  path: string;
  /** The listing's cursor when a later page is shown (`?cursor=`). */
  cursor: string | null;
  status: Loaded<VolumeStatus>;
  listing: Loaded<DirListing>;
  nowMs: number;
}

/** Reads a volume's counts and one page of the directory at `path`. */
export async function loadVolumePage(
  get: ApiGet,
  name: string,
  path: string,
  cursor: string | null,
): Promise<VolumePage> {
  const query = new URLSearchParams({ limit: String(ENTRIES_PER_PAGE) });
  if (cursor !== null) query.set("cursor", cursor);
  const [status, listing] = await Promise.all([
    get<VolumeStatus>(`/v1/volumes/${encodeURIComponent(name)}`),
    get<DirListing>(`${volumeApiPath(name, "dirs", path)}?${query}`),
  ]);
  return { name, path, cursor, status, listing, nowMs: Date.now() };
}

/** The volume page's live part. */
export function volumeView(p: VolumePage): Html {
  return html`<section aria-labelledby="h-volume">
      <h2 id="h-volume">Volume ${p.name}</h2>
      ${p.status.ok ? volumeFacts(p.status.value) : failed(p.status)}
    </section>
    <section aria-labelledby="h-files">
      <h2 id="h-files">Files</h2>
      ${fileBrowser(p)}
    </section>`;
}

function volumeFacts(v: VolumeStatus): Html {
  return html`<dl class="facts" id="volume">
      <dt>Namespace</dt><dd>group <a href="/ui/groups/${encodeURIComponent(v.group)}">${v.group}</a></dd>
      <dt>Chunks in</dt><dd>ring <a href="/ui/rings/${encodeURIComponent(v.ring)}">${v.ring}</a></dd>
      <dt>Files</dt><dd id="volume-files">${count(v.files, "file")} in ${count(v.dirs, "directory", "directories")}</dd>
      <dt>Size</dt><dd id="volume-bytes">${bytes(v.bytes)}</dd>
      <dt>Stored</dt><dd>${bytes(v.physicalBytes)} in ${count(v.chunks, "distinct chunk")}</dd>
      <dt>Dedup ratio</dt><dd id="volume-dedup">${dedupText(v.dedupRatio)}</dd>
      <dt>Open uploads</dt><dd>${count(v.openUploads, "upload")}</dd>
      <dt>Ring's chunks</dt><dd>${count(v.ringChunks, "chunk")} (every volume on the ring)</dd>
      <dt>Under-replicated</dt><dd id="volume-under" class="${v.underReplicated > 0 ? "problem" : ""}">${underReplicatedText(v.underReplicated)}</dd>
    </dl>`;
}

function fileBrowser(p: VolumePage): Html {
  const dir = p.listing.ok ? p.listing.value.path : p.path;
  const here = (path: string, cursor?: string) =>
    `/ui/volumes/${encodeURIComponent(p.name)}?path=${encodeURIComponent(path)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
  const crumbs = html`<nav aria-label="Directory" class="crumbs"><a href="${here("/")}">(root)</a>
    ${dirCrumbs(dir).map((c) => html` / <a href="${here(c.path)}">${c.label}</a>`)}</nav>`;
  if (!p.listing.ok) return html`${crumbs}${failed(p.listing)}`;
  const actions = html`<form class="inline js-only" id="upload-form" data-keep data-upload="${volumeApiPath(p.name, "files", dir)}/" data-dir="${dir}">
      <label for="upload-files">Upload to this directory</label>
      <input id="upload-files" type="file" multiple required>
      <button type="submit">Upload</button>
    </form>
    <form class="inline js-only" id="mkdir-form" data-keep data-mkdir="${volumeApiPath(p.name, "dirs", dir)}/" data-dir="${dir}">
      <label for="new-dir">New folder</label>
      <input id="new-dir" required maxlength="255" pattern="[^/]+" autocomplete="off">
      <button type="submit">Make</button>
    </form>`;
  const { entries, cursor } = p.listing.value;
  const rows = entries.map((e) => {
    const path = childPath(dir, e.name);
    if (e.type === "dir") {
      return html`<tr data-entry="${e.name}"><td><a href="${here(path)}">${e.name}/</a></td><td>directory</td><td>${timeElement(new Date(e.mtime).toISOString(), p.nowMs)}</td><td></td></tr>`;
    }
    const file = volumeApiPath(p.name, "files", path);
    return html`<tr data-entry="${e.name}"><td><a href="${file}" download="${e.name}" data-download>${e.name}</a></td>
      <td>${bytes(e.size)}</td><td>${timeElement(new Date(e.mtime).toISOString(), p.nowMs)}</td>
      <td><button type="button" class="js-only" data-delete-file="${file}" data-path="${path}">Delete</button></td></tr>`;
  });
  return html`${crumbs}
    ${
      entries.length === 0
        ? html`<p>This directory is empty.</p>`
        : html`<div class="scroll"><table id="entries"><thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Modified</th><th scope="col">Action</th></tr></thead>
          <tbody>${rows}</tbody></table></div>`
    }
    <p>${p.cursor === null ? "" : html`<a href="${here(dir)}">First page</a> `}${cursor ? html`<a href="${here(dir, cursor)}">Next page</a>` : ""}</p>
    ${actions}`;
}
