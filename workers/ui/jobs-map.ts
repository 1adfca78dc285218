/**
 * The jobs page's world map, all inline SVG: every colo of the catalog as a faint dot
 * (nothing else is drawn, so no map data is fetched or shipped), the executor sites of the
 * jobs listed sized by their jobs, and the last placement's assignments as lines from each
 * job's origin to its site. A table says the same for those who do not read the drawing.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { coloByIata } from "../../shared/sched/catalog";
import { COLOS } from "../../shared/sched/colos";
import type { JobSummary } from "./api-types";
import { executorSites, lastPlacement } from "./job-map-data";
import { dotsPath, project, shortLine } from "./map-projection";
import { timeElement } from "./time-element";
import { count } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Latitudes drawn (every colo lies between them), in the projection's units. */
const TOP = 90 - 75;
const BOTTOM = 90 + 57;

/** Meridians and parallels every 30°, for orientation. */
const GRATICULE = [
  ...Array.from({ length: 13 }, (_, i) => `M${i * 30} ${TOP}V${BOTTOM}`),
  ...[60, 30, 0, -30].map((lat) => `M0 ${90 - lat}H360`),
].join("");

/** Every colo as one path of dots; computed once per isolate. */
const COLO_DOTS = dotsPath(COLOS.map(project));

/** The map and its table, for `jobs` as listed, seen at `nowMs`. */
export function jobsMap(jobs: readonly JobSummary[], nowMs: number): Html {
  const sites = executorSites(jobs);
  const most = Math.max(1, ...sites.map((s) => s.jobs));
  const last = lastPlacement(jobs);
  return html`<figure>
      <svg class="map" viewBox="0 ${TOP} 360 ${BOTTOM - TOP}" role="img" aria-labelledby="map-title">
        <title id="map-title">World map: ${count(COLOS.length, "colo")}, ${count(sites.length, "executor site")} of the jobs listed, and the last placement's assignments</title>
        <path class="grid" d="${GRATICULE}"/>
        <path class="colos" d="${COLO_DOTS}"/>
        ${(last?.lines ?? []).map((line) => {
          const colo = coloByIata(line.site);
          if (!colo) return "";
          const { from, to } = shortLine(line.origin, colo);
          return html`<g class="assign" data-job="${line.id}"><line x1="${from.x.toFixed(1)}" y1="${from.y.toFixed(1)}" x2="${to.x.toFixed(1)}" y2="${to.y.toFixed(1)}"/><circle class="origin" cx="${from.x.toFixed(1)}" cy="${from.y.toFixed(1)}" r="1"/></g>`;
        })}
        ${sites.map((s) => {
          const colo = coloByIata(s.iata);
          if (!colo) return "";
          const at = project(colo);
          return html`<g class="site" data-site="${s.iata}"><title>${s.iata}, ${colo.city}: ${count(s.jobs, "job")}</title>
            <circle cx="${at.x.toFixed(1)}" cy="${at.y.toFixed(1)}" r="${(1.5 + 2 * Math.sqrt(s.jobs / most)).toFixed(1)}"/>
            <text x="${(at.x + 4).toFixed(1)}" y="${(at.y + 1.5).toFixed(1)}">${s.iata}</text></g>`;
        })}
      </svg>
      <figcaption class="note">Dots: every colo. Filled: executor sites of the jobs listed, sized by their jobs. Lines: ${
        last
          ? html`the last placement, ${timeElement(last.at, nowMs)}, from each job's origin to its site (${count(last.lines.length, "job")})`
          : "none yet (no job listed was placed)"
      }.</figcaption>
    </figure>
    ${
      sites.length === 0
        ? ""
        : html`<details data-key="sites"><summary>Executor sites as a table</summary>
      <table id="sites"><thead><tr><th scope="col">Site</th><th scope="col">City</th><th scope="col">Jobs listed</th></tr></thead>
      <tbody>${sites.map((s) => html`<tr><td>${s.iata}</td><td>${coloByIata(s.iata)?.city ?? "not in the catalog"}</td><td>${count(s.jobs, "job")}</td></tr>`)}</tbody></table>
    </details>`
    }`;
}
