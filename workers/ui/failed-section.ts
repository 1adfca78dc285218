/** What a section shows when the API refused or failed to give its data. */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** Why a section has no data: the API's status and problem detail. */
export function failed(result: {
  ok: false;
  status: number;
  detail: string;
}): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<p class="problem" role="status">Unavailable (${result.status}): ${result.detail}</p>`;
}
