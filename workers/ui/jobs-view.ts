/**
 * The jobs page: a world map of where the jobs listed ran and the last placement, then the
 * latest jobs, newest first, filtered by state with `?state=` (links, so the filter works
 * without the script), each linked to its page and shown with its site, attempts and
 * times (relative, with the absolute time as its `datetime` and tooltip).
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ApiGet, JobSummary, Loaded } from "./api-types";
import { failed } from "./failed-section";
import { JOB_STATES } from "./job-counts";
import { jobsMap } from "./jobs-map";
import { timeElement } from "./time-element";
import { count } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A jobs page's data. */
export interface JobsPage {
  state: string | null;
  jobs: Loaded<{ items: JobSummary[] }>;
  nowMs: number;
}

/** Reads the latest jobs, only those in `state` when one is given. */
export async function loadJobsPage(get: ApiGet, state: string | null): Promise<JobsPage> {
  const known = state !== null && (JOB_STATES as readonly string[]).includes(state) ? state : null;
  const query = new URLSearchParams({ limit: "100", ...(known ? { state: known } : {}) });
  return { state: known, jobs: await get(`/v1/jobs?${query}`), nowMs: Date.now() };
}

/** The jobs page's live part. */
export function jobsView(p: JobsPage): Html {
  const filter = (state: string | null, label: string) =>
    html`<a href="/ui/jobs${state ? `?state=${state}` : ""}"${p.state === state ? html` aria-current="page"` : ""}>${label}</a> `;
  const when = (iso: string | null) => timeElement(iso, p.nowMs);
  return html`<section aria-labelledby="h-jobs">
      <h2 id="h-jobs">Jobs${p.state ? ` ${p.state}` : ""}</h2>
      <nav aria-label="Filter by state" class="crumbs">${filter(null, "all")}${JOB_STATES.map((s) => filter(s, s))}</nav>
      ${p.jobs.ok ? jobsMap(p.jobs.value.items, p.nowMs) : ""}
      ${
        p.jobs.ok
          ? p.jobs.value.items.length === 0
            ? html`<p>No jobs.</p>`
            : html`<div class="scroll"><table id="jobs"><thead><tr><th scope="col">Job</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Site</th><th scope="col">Attempts</th><th scope="col">Created</th><th scope="col">Finished</th></tr></thead>
            <tbody>${p.jobs.value.items.map(
              (
                job,
              ) => html`<tr data-job="${job.id}"><td><a href="/ui/jobs/${encodeURIComponent(job.id)}"><code>${job.id.slice(0, 8)}</code></a></td><td>${job.kind}</td>
                <td class="state">${job.state}${job.error ? html` <span class="problem">${job.error}</span>` : ""}</td><td>${job.site ?? "not placed"}</td>
                <td>${count(job.attempts, "attempt")}</td><td>${when(job.createdAt)}</td><td>${when(job.finishedAt)}</td></tr>`,
            )}</tbody></table></div>`
          : failed(p.jobs)
      }
    </section>`;
}
