/**
 * A job's page: what it is and where it stands (kind, state, executor site, origin,
 * attempts, timeout, times), every attempt with its site and timings, and its result or
 * error. Times are relative with the absolute time beside them or as their tooltip.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { coloByIata } from "../../shared/sched/catalog";
import type { ApiGet, JobAttempt, JobDetail, Loaded } from "./api-types";
import { failed } from "./failed-section";
import { timeElement } from "./time-element";
import { count, duration, latLon } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Most characters of a result shown; a longer one is cut (the API answers it whole). */
export const MAX_RESULT_CHARS = 4000;

/** A job page's data. */
export interface JobPage {
  id: string;
  job: Loaded<JobDetail>;
  nowMs: number;
}

/** Reads the job `id`. */
export async function loadJobPage(get: ApiGet, id: string): Promise<JobPage> {
  return { id, job: await get(`/v1/jobs/${encodeURIComponent(id)}`), nowMs: Date.now() };
}

/** The job page's live part. */
export function jobView(p: JobPage): Html {
  if (!p.job.ok) return html`<section><h2>Job <code>${p.id}</code></h2>${failed(p.job)}</section>`;
  const j = p.job.value;
  const at = (label: string, iso: string | null) =>
    iso === null
      ? ""
      : html`<dt>${label}</dt><dd>${timeElement(iso, p.nowMs)} <span class="note">${iso}</span></dd>`;
  return html`<section aria-labelledby="h-job">
      <h2 id="h-job">Job <code>${j.id}</code></h2>
      <p><a href="/ui/jobs">All jobs</a></p>
      <dl class="facts" id="job">
        <dt>Kind</dt><dd>${j.kind}</dd>
        <dt>State</dt><dd class="state" id="job-state">${j.state}</dd>
        <dt>Executor site</dt><dd id="job-site">${siteText(j.site)}</dd>
        <dt>Origin</dt><dd>${latLon(j.origin)}</dd>
        <dt>Attempts</dt><dd>${j.attempts} of at most ${count(j.maxAttempts, "attempt")}, each up to ${duration(j.timeoutMs)}</dd>
        ${j.idempotencyKey === null ? "" : html`<dt>Idempotency key</dt><dd><code>${j.idempotencyKey}</code></dd>`}
        ${at("Submitted", j.createdAt)}${at("Placed", j.placedAt)}${at("Started", j.startedAt)}${at("Finished", j.finishedAt)}
        ${j.finishedAt === null ? "" : html`<dt>Submission to finish</dt><dd>${duration(Date.parse(j.finishedAt) - Date.parse(j.createdAt))}</dd>`}
      </dl>
    </section>
    <section aria-labelledby="h-attempts">
      <h2 id="h-attempts">Attempts</h2>
      ${j.attemptLog.length === 0 ? html`<p>No attempt started yet.</p>` : attemptsTable(j.attemptLog, p.nowMs)}
    </section>
    <section aria-labelledby="h-result">
      <h2 id="h-result">${j.state === "failed" ? "Error" : "Result"}</h2>
      ${outcomePart(j)}
    </section>`;
}

function attemptsTable(attempts: readonly JobAttempt[], nowMs: number): Html {
  const when = (iso: string | null) => timeElement(iso, nowMs);
  return html`<div class="scroll"><table id="attempts"><thead><tr><th scope="col">Attempt</th><th scope="col">Site</th><th scope="col">Placed</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Ran for</th><th scope="col">Outcome</th></tr></thead>
    <tbody>${attempts.map((a) => {
      const ran = (a.endedAt === null ? nowMs : Date.parse(a.endedAt)) - Date.parse(a.startedAt);
      return html`<tr data-attempt="${a.attempt}"><td>${a.attempt}</td><td>${a.site}</td>
        <td>${when(a.placedAt)}</td><td>${when(a.startedAt)}</td><td>${a.endedAt === null ? "not yet" : when(a.endedAt)}</td>
        <td class="ran">${a.endedAt === null ? `${duration(ran)} so far` : duration(ran)}</td>
        <td class="outcome">${a.outcome ?? "running"}${a.error ? html` <span class="problem">${a.error}</span>` : ""}</td></tr>`;
    })}</tbody></table></div>`;
}

function outcomePart(j: JobDetail): Html {
  if (j.state === "succeeded") {
    const text = JSON.stringify(j.result ?? null, null, 2);
    const cut = text.length > MAX_RESULT_CHARS;
    return html`<pre id="result">${cut ? `${text.slice(0, MAX_RESULT_CHARS)}…` : text}</pre>
      ${cut ? html`<p class="note">The first ${count(MAX_RESULT_CHARS, "character")} of ${count(text.length, "character")}; <code>GET /v1/jobs/${j.id}</code> answers it whole.</p>` : ""}`;
  }
  if (j.state === "failed") return html`<p class="problem" id="error">${j.error}</p>`;
  const pending = j.state === "cancelled" ? "Cancelled before it finished." : "No result yet.";
  return html`<p>${pending}</p>
    ${j.error === null ? "" : html`<p class="problem" id="error">Last problem: ${j.error}</p>`}`;
}

function siteText(iata: string | null): string {
  if (iata === null) return "not placed yet";
  const colo = coloByIata(iata);
  return colo ? `${iata} (${colo.city}, ${colo.country})` : iata;
}
