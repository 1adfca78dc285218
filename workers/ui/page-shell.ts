/**
 * The HTML document around every dashboard page: navigation, the live region the script
 * refreshes, the token form (hidden until a token is needed), styles for light and dark,
 * and the inline script. Nothing is fetched from outside the deployment.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LIVE_SCRIPT } from "./live-script";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa; --accent: #0550ae; --bad: #a40e26; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d; --card: #161b22; --accent: #4493f8; --bad: #ff7b72; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 80rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; border-bottom: 1px solid var(--line); }
header nav a { margin-right: 1rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 1rem; overflow-x: auto; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: 0.5rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--line); }
.tag { border: 1px solid var(--line); border-radius: 1rem; padding: 0 0.5rem; }
.tag.off { color: var(--muted); }
.note, #live-status { color: var(--muted); }
.problem { color: var(--bad); }
.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 1rem; }
.keys, .problems { list-style: none; padding: 0; }
.keys pre { white-space: pre-wrap; word-break: break-all; background: var(--card); padding: 0.5rem; }
button, input { font: inherit; }
.scroll { overflow-x: auto; }
.ring { width: min(100%, 30rem); display: block; }
.ring .track { fill: none; stroke: var(--line); stroke-width: 2; }
.ring .node circle { fill: var(--accent); }
.ring text { fill: var(--fg); font-size: 11px; }
figure { margin: 0; }
.map { width: 100%; max-width: 64rem; display: block; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
.map .grid { fill: none; stroke: var(--line); stroke-width: 0.3; }
.map .colos { stroke: var(--muted); stroke-width: 1.1; stroke-linecap: round; }
.map .assign line { stroke: var(--accent); stroke-width: 0.5; stroke-dasharray: 1.5 1; }
.map .origin { fill: var(--bg); stroke: var(--fg); stroke-width: 0.4; }
.map .site circle { fill: var(--accent); stroke: var(--bg); stroke-width: 0.4; }
.map .site text { fill: var(--fg); font-size: 4px; }
pre { white-space: pre-wrap; word-break: break-all; }
.js-only { display: none; }
.js .js-only { display: inline-block; }
.js form.js-only { display: flex; }
`;

/** Page options: its title, whether data needs a token, and its server-rendered live part. */
export interface ShellOptions {
  title: string;
  tokenRequired: boolean;
  /** The live part, or null when it may only be fetched with the token. */
  live: Html | null;
}

/** The whole document of a dashboard page. */
export function pageShell(o: ShellOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · edgeos</title>
<style>${raw(STYLE)}</style>
</head>
<body data-auth="${o.tokenRequired ? "token" : "open"}">
<header>
  <h1>edgeos · ${o.title}</h1>
  <nav aria-label="Dashboard"><a href="/ui">Overview</a><a href="/ui/jobs">Jobs</a><a href="/docs">API reference</a></nav>
</header>
<main>
  <p id="live-status" role="status" aria-live="polite">${o.live ? "Static view; live updates need JavaScript." : ""}</p>
  <p id="action-status" role="status" aria-live="polite"></p>
  <form id="token-form" class="inline" hidden>
    <label for="token">Token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required>
    <button type="submit">Show the cluster</button>
  </form>
  ${o.live ? "" : html`<noscript><p>This deployment requires a token: enable JavaScript to enter it.</p></noscript>`}
  <div id="live">${o.live ?? ""}</div>
</main>
<script>${raw(LIVE_SCRIPT)}</script>
</body>
</html>`;
}
