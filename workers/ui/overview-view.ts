/**
 * The overview's live part as HTML: the deployment, its counts, and one table each for
 * groups, rings, volumes and jobs. The same markup is rendered into the page and served
 * as its live fragment, so the page never renders anything the static view does not.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { GroupStatus, Loaded, RingStatus, VolumeRecord } from "./api-types";
import { failed } from "./failed-section";
import { groupFacts, lastContactCell } from "./group-facts";
import { JOB_STATES, jobsByState } from "./job-counts";
import { requestsSection } from "./metrics-view";
import { JOBS_COUNTED, type Overview } from "./overview-data";
import { bytes, count } from "./units";
import { dedupText, underReplicatedText } from "./volume-text";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The overview's sections. */
export function overviewView(o: Overview): Html {
  const groupsShown = o.groups.filter((g) => g.status.ok).length;
  const ringsShown = o.rings.filter((r) => r.status.ok).length;
  return html`<section aria-labelledby="h-cluster">
      <h2 id="h-cluster">Cluster</h2>
      ${
        o.health.ok
          ? html`<dl class="facts">
            <dt>Version</dt><dd id="version">${o.health.value.version}</dd>
            <dt>Token</dt><dd>${o.health.value.auth === "token" ? "required" : "not required"}</dd>
            <dt>Parts</dt><dd>${Object.entries(o.health.value.parts).map(
              ([part, on]) =>
                html`<span class="tag ${on ? "on" : "off"}">${part}${on ? "" : " (not enabled)"}</span> `,
            )}</dd>
            <dt>Groups</dt><dd id="count-groups">${count(groupsShown, "group")}</dd>
            <dt>Rings</dt><dd id="count-rings">${count(ringsShown, "ring")}</dd>
            <dt>Volumes</dt><dd id="count-volumes">${o.volumes.ok ? count(o.volumes.value.volumes.length, "volume") : "unknown"}</dd>
            <dt>Jobs</dt><dd id="count-jobs">${o.jobs.ok ? jobCount(o.jobs.value.items.length) : "unknown"}</dd>
          </dl>`
          : failed(o.health)
      }
    </section>
    ${requestsSection(o.metrics, o.nowMs)}
    <section aria-labelledby="h-groups">
      <h2 id="h-groups">Consensus groups</h2>
      <p class="note">The API lists no groups: shown are <code>default</code>, the groups volumes use, and those added below.</p>
      <div class="cards">${o.groups.map((g) => groupCard(g.name, g.status, o.nowMs))}</div>
      <form method="get" action="/ui" class="inline">
        ${o.watched.map((name) => html`<input type="hidden" name="group" value="${name}">`)}
        <label for="add-group">Show group</label>
        <input id="add-group" name="group" required pattern="[a-z0-9][a-z0-9-]*" maxlength="63" autocomplete="off">
        <button type="submit">Show</button>
      </form>
    </section>
    <section aria-labelledby="h-rings">
      <h2 id="h-rings">DHT rings</h2>
      <div class="cards">${o.rings.map((r) => ringCard(r.name, r.status))}</div>
    </section>
    <section aria-labelledby="h-volumes">
      <h2 id="h-volumes">Volumes</h2>
      ${o.volumes.ok ? volumesTable(o.volumes.value.volumes, o.volumeCounts) : failed(o.volumes)}
    </section>
    <section aria-labelledby="h-jobs">
      <h2 id="h-jobs"><a href="/ui/jobs">Jobs</a> by state</h2>
      ${
        o.jobs.ok
          ? html`<p class="note">Of the latest ${jobCount(o.jobs.value.items.length)}.</p>
            <dl class="facts" id="jobs-by-state">${jobsByState(o.jobs.value.items, JOB_STATES).map(
              ([state, n]) => html`<dt>${state}</dt><dd>${count(n, "job")}</dd>`,
            )}</dl>`
          : failed(o.jobs)
      }
    </section>`;
}

/** Volumes with their group, ring and, for those counted, files, size, dedup and health. */
function volumesTable(volumes: VolumeRecord[], counts: Overview["volumeCounts"]): Html {
  const countCells = (name: string) => {
    const counted = counts.get(name);
    if (counted === undefined) return html`<td colspan="4" class="note">not counted here</td>`;
    if (!counted.ok) return html`<td colspan="4">${failed(counted)}</td>`;
    const v = counted.value;
    return html`<td>${count(v.files, "file")}</td><td>${bytes(v.bytes)}</td><td>${dedupText(v.dedupRatio)}</td>
      <td class="${v.underReplicated > 0 ? "problem" : ""}">${underReplicatedText(v.underReplicated)}</td>`;
  };
  return html`<div class="scroll"><table id="volumes"><thead><tr><th scope="col">Volume</th><th scope="col">Group</th><th scope="col">Ring</th>
      <th scope="col">Files</th><th scope="col">Size</th><th scope="col">Dedup</th><th scope="col">Under-replicated chunks</th></tr></thead>
    <tbody>${volumes.map(
      (
        v,
      ) => html`<tr data-volume="${v.name}"><td><a href="/ui/volumes/${encodeURIComponent(v.name)}">${v.name}</a></td>
        <td>${v.group}</td><td>${v.ring}</td>${countCells(v.name)}</tr>`,
    )}</tbody></table></div>`;
}

function jobCount(n: number): string {
  return n >= JOBS_COUNTED ? `${count(n, "job")} or more` : count(n, "job");
}

function groupCard(name: string, status: Loaded<GroupStatus>, nowMs: number): Html {
  const link = html`<a href="/ui/groups/${encodeURIComponent(name)}">${name}</a>`;
  if (!status.ok) {
    return html`<article class="card" data-group="${name}"><h3>${link}</h3>${failed(status)}</article>`;
  }
  const s = status.value;
  return html`<article class="card" data-group="${name}">
    <h3>${link}</h3>
    ${groupFacts(s)}
    ${membersTable(s, nowMs)}
  </article>`;
}

/** A group's members: role, lag and location of each. */
export function membersTable(s: GroupStatus, nowMs: number): Html {
  return html`<table class="members"><thead><tr><th scope="col">Replica</th><th scope="col">Role</th><th scope="col">Lag</th><th scope="col">Location</th><th scope="col">Last contact</th></tr></thead>
    <tbody>${s.members.map(
      (m) =>
        html`<tr data-replica="${m.id}"><td>${m.id}</td><td>${m.role}</td><td>${m.lag === null ? "unknown" : count(m.lag, "entry", "entries")}</td><td>${m.location ?? "any"}</td><td>${lastContactCell(m, s, nowMs)}</td></tr>`,
    )}</tbody></table>`;
}

function ringCard(name: string, status: Loaded<RingStatus>): Html {
  if (!status.ok) return html`<article class="card"><h3>${name}</h3>${failed(status)}</article>`;
  const r = status.value;
  const live = r.hosts.filter((h) => h.state === "live").length;
  const keys = r.nodes.reduce((sum, n) => sum + n.keys, 0);
  return html`<article class="card" data-ring="${name}">
    <h3><a href="/ui/rings/${encodeURIComponent(name)}">${name}</a></h3>
    <dl class="facts">
      <dt>Overlay</dt><dd>${r.overlay}</dd>
      <dt>Nodes</dt><dd>${count(live, "live node")} of ${count(r.hosts.length, "host")}</dd>
      <dt>Replication</dt><dd>${count(r.replication, "copy", "copies")}</dd>
      <dt>Keys</dt><dd>${count(keys, "key")} (copies included)</dd>
    </dl>
    <details data-key="ring:${name}"><summary>Keys per node</summary>
      <table><thead><tr><th scope="col">Node</th><th scope="col">Keys</th></tr></thead>
      <tbody>${r.nodes.map((n) => html`<tr><td><code>${n.id}</code></td><td>${count(n.keys, "key")}</td></tr>`)}</tbody></table>
    </details>
  </article>`;
}

export { failed };
