/**
 * A ring's page: the ring drawn as a circle with every node at its id, its dot's size by
 * its key count (imbalance shows), and a table of the same numbers for those who do not
 * read the drawing. All inline SVG; nothing is fetched.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ApiGet, Loaded, RingStatus } from "./api-types";
import { failed } from "./overview-view";
import { loadImbalance, pointOnCircle, ringFraction } from "./ring-geometry";
import { count } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The drawing's size and circle, in SVG units. */
const SIZE = 360;
const RADIUS = 140;

/** A ring page's data. */
export interface RingPage {
  name: string;
  status: Loaded<RingStatus>;
}

/** Reads a ring's status. */
export async function loadRingPage(get: ApiGet, name: string): Promise<RingPage> {
  return { name, status: await get<RingStatus>(`/v1/rings/${encodeURIComponent(name)}`) };
}

/** The ring page's live part. */
export function ringView(p: RingPage): Html {
  if (!p.status.ok) return html`<section><h2>Ring ${p.name}</h2>${failed(p.status)}</section>`;
  const r = p.status.value;
  const keys = r.nodes.map((n) => n.keys);
  const most = Math.max(1, ...keys);
  const imbalance = loadImbalance(keys);
  const c = SIZE / 2;
  return html`<section aria-labelledby="h-ring">
      <h2 id="h-ring">${r.overlay} ring, ${count(r.nodes.length, "node")}, ${count(r.replication, "copy", "copies")} of each key</h2>
      <p id="imbalance">${imbalance === 0 ? "No keys stored yet." : `Busiest node holds ${imbalance.toFixed(2)}× the mean.`}</p>
      <svg class="ring" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="ring-title">
        <title id="ring-title">Nodes of ring ${r.name} placed by id, sized by keys</title>
        <circle cx="${c}" cy="${c}" r="${RADIUS}" class="track"/>
        ${r.nodes.map((n) => {
          const at = pointOnCircle(ringFraction(n.ringId), RADIUS, c, c);
          const label = pointOnCircle(ringFraction(n.ringId), RADIUS + 22, c, c);
          return html`<g class="node" data-node="${n.id}"><title>${n.id}: ${count(n.keys, "key")}</title>
            <circle cx="${at.x.toFixed(1)}" cy="${at.y.toFixed(1)}" r="${(4 + 8 * (n.keys / most)).toFixed(1)}"/>
            <text x="${label.x.toFixed(1)}" y="${label.y.toFixed(1)}" text-anchor="middle" dominant-baseline="middle">${n.id}</text></g>`;
        })}
      </svg>
      <table><thead><tr><th scope="col">Node</th><th scope="col">Id</th><th scope="col">Keys</th></tr></thead>
      <tbody>${r.nodes.map((n) => html`<tr><td>${n.id}</td><td><code>${n.ringId}</code></td><td>${count(n.keys, "key")}</td></tr>`)}</tbody></table>
    </section>`;
}
