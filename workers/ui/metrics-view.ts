/**
 * The overview's request section: per route family, the requests of the last minutes,
 * how many answered a 5xx, and their p50 and p99; then the latest problems, each with its
 * time, request, status, whether its outcome is unknown, and its request id (to find its
 * log line).
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { WindowSummary } from "../../shared/metrics/request-window";
import type { Loaded } from "./api-types";
import { failed } from "./failed-section";
import { timeElement } from "./time-element";
import { count, latency } from "./units";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The requests section of the overview. */
export function requestsSection(metrics: Loaded<WindowSummary>, nowMs: number): Html {
  if (!metrics.ok) {
    return html`<section aria-labelledby="h-requests"><h2 id="h-requests">Requests</h2>${failed(metrics)}</section>`;
  }
  const m = metrics.value;
  const ms = (v: number | null) => (v === null ? "—" : latency(v));
  return html`<section aria-labelledby="h-requests">
      <h2 id="h-requests">Requests, last ${m.windowMinutes} minutes</h2>
      ${
        m.families.length === 0
          ? html`<p>No requests counted yet.</p>`
          : html`<div class="scroll"><table id="requests"><thead><tr><th scope="col">Routes</th><th scope="col">Requests</th><th scope="col">5xx</th><th scope="col">p50</th><th scope="col">p99</th></tr></thead>
            <tbody>${m.families.map(
              (
                f,
              ) => html`<tr data-family="${f.family}"><td>${f.family}</td><td>${count(f.requests, "request")}</td>
                <td class="${f.errors > 0 ? "problem" : ""}">${f.errors.toLocaleString("en-US")}</td><td>${ms(f.p50Ms)}</td><td>${ms(f.p99Ms)}</td></tr>`,
            )}</tbody></table></div>`
      }
      <h3>Recent problems</h3>
      ${
        m.problems.length === 0
          ? html`<p id="problems">None in the last ${m.windowMinutes} minutes.</p>`
          : html`<ul id="problems" class="problems">${m.problems.map(
              (
                p,
              ) => html`<li data-request="${p.requestId}">${timeElement(new Date(p.at).toISOString(), nowMs)}
                <code>${p.method} ${p.path}</code> <span class="problem">${p.status}${p.outcome === "unknown" ? ", outcome unknown" : ""}</span>
                <span class="note">request ${p.requestId}</span></li>`,
            )}</ul>`
      }
    </section>`;
}
