/**
 * A group's page: its status and members with buttons to make a voter the leader, remove a
 * member that does not lead and add one (the script asks for confirmation, then calls the
 * group's `/leader` and `/members` routes), and a key
 * browser one tree level at a time (`separator=/`), folders as links.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { MAX_REPLICA_ID } from "../gateway/routes/groups";
import type { ApiGet, GroupStatus, KeyListing, Loaded } from "./api-types";
import { failed } from "./failed-section";
import { groupFacts, lastContactCell } from "./group-facts";
import { breadcrumbs } from "./key-path";
import { count } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Keys and folders one browser page lists. */
export const KEYS_PER_PAGE = 100;

/** A group page's data. */
export interface GroupPage {
  name: string;
  prefix: string;
  status: Loaded<GroupStatus>;
  keys: Loaded<KeyListing>;
  nowMs: number;
}

/** Reads a group's status and the keys one level under `prefix`. */
export async function loadGroupPage(get: ApiGet, name: string, prefix: string): Promise<GroupPage> {
  const group = `/v1/groups/${encodeURIComponent(name)}`;
  const query = new URLSearchParams({ prefix, separator: "/", limit: String(KEYS_PER_PAGE) });
  const [status, keys] = await Promise.all([
    get<GroupStatus>(group),
    get<KeyListing>(`${group}/kv?${query}`),
  ]);
  return { name, prefix, status, keys, nowMs: Date.now() };
}

/** The group page's live part. */
export function groupView(p: GroupPage): Html {
  return html`<section aria-labelledby="h-members">
      <h2 id="h-members">Members</h2>
      ${p.status.ok ? statusPart(p.name, p.status.value, p.nowMs) : failed(p.status)}
    </section>
    <section aria-labelledby="h-keys">
      <h2 id="h-keys">Keys</h2>
      ${keysPart(p)}
    </section>`;
}

function statusPart(name: string, s: GroupStatus, nowMs: number): Html {
  return html`${groupFacts(s, "leader")}
    <table class="members"><thead><tr><th scope="col">Replica</th><th scope="col">Role</th><th scope="col">Lag</th><th scope="col">Location</th><th scope="col">Last contact</th><th scope="col">Action</th></tr></thead>
    <tbody>${s.members.map(
      (m) => html`<tr data-replica="${m.id}"><td>${m.id}</td><td>${m.role}</td>
        <td>${m.lag === null ? "unknown" : count(m.lag, "entry", "entries")}</td><td>${m.location ?? "any"}</td>
        <td>${lastContactCell(m, s, nowMs)}</td>
        <td>${
          m.voter && m.id !== s.leader
            ? html`<button type="button" class="js-only" id="transfer-${m.id}" data-transfer="${m.id}" data-group="${name}">Make leader</button> `
            : ""
        }${
          m.id !== s.leader
            ? html`<button type="button" class="js-only" id="remove-${m.id}" data-remove="${m.id}" data-group="${name}">Remove</button>`
            : ""
        }</td></tr>`,
    )}</tbody></table>
    <form class="inline js-only" data-add-member="${name}">
      <label for="add-member">Add replica</label>
      <input id="add-member" type="number" min="1" max="${MAX_REPLICA_ID}" required>
      <button type="submit">Add</button>
    </form>`;
}

function keysPart(p: GroupPage): Html {
  const here = (prefix: string) =>
    `/ui/groups/${encodeURIComponent(p.name)}?prefix=${encodeURIComponent(prefix)}`;
  const crumbs = html`<nav aria-label="Key path" class="crumbs"><a href="${here("")}">(root)</a>
    ${breadcrumbs(p.prefix).map((c) => html` <a href="${here(c.prefix)}">${c.label}</a>`)}</nav>`;
  if (!p.keys.ok) return html`${crumbs}${failed(p.keys)}`;
  const { items, prefixes = [], more } = p.keys.value;
  if (items.length === 0 && prefixes.length === 0) return html`${crumbs}<p>No keys here.</p>`;
  return html`${crumbs}<ul class="keys">
      ${prefixes.map((folder) => html`<li class="folder"><a href="${here(folder)}">${folder.slice(p.prefix.length)}</a></li>`)}
      ${items.map(
        (
          item,
        ) => html`<li><details data-key="key:${item.key}"><summary><code>${item.key.slice(p.prefix.length)}</code> <span class="note">version ${item.version}, revision ${item.modRevision}</span></summary>
          <pre>${item.value ?? ""}</pre></details></li>`,
      )}
    </ul>
    ${more ? html`<p class="note">Showing the first ${count(KEYS_PER_PAGE, "entry", "entries")}; narrow the prefix to see more.</p>` : ""}`;
}
