/**
 * A moment as the dashboard prints it: relative to the page's time ("12 s ago"), with the
 * absolute ISO time as the element's `datetime` and tooltip.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { relativeTime } from "./relative-time";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The `<time>` of `iso` seen at `nowMs`; nothing for a moment that has not happened (null). */
export function timeElement(iso: string | null, nowMs: number): Html | "" {
  if (iso === null) return "";
  return html`<time datetime="${iso}" title="${iso}">${relativeTime(iso, nowMs)}</time>`;
}
