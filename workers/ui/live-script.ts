/**
 * The dashboard's one inline script. It polls the page's live fragment (the page's path
 * under `/ui/live`) every 5 s while the page is visible, not at all while it is hidden
 * (every refresh reads Durable Objects, a budget on the free plan), backing off to 30 s
 * while that fails, and swaps it in. It asks for the token once when the deployment needs
 * one and keeps it in sessionStorage, sending it only as `Authorization: Bearer`; and it
 * runs the confirmed leader transfers.
 * Focus and open `<details>` survive a refresh.
 */
export const LIVE_SCRIPT = `(() => {
  document.documentElement.classList.add("js");
  const live = document.getElementById("live");
  const status = document.getElementById("live-status");
  const form = document.getElementById("token-form");
  const needsToken = document.body.dataset.auth === "token";
  const KEY = "edgeos-token";
  const dataPath = location.pathname.replace(/^\\/ui/, "/ui/live") + location.search;
  const EVERY = 5000;
  let delay = EVERY, last = null, timer;
  const auth = () => {
    const token = sessionStorage.getItem(KEY);
    return token ? { authorization: "Bearer " + token } : {};
  };
  const askToken = (message) => {
    clearTimeout(timer);
    form.hidden = false;
    live.replaceChildren();
    last = null;
    status.textContent = message;
    form.querySelector("input").focus();
  };
  async function poll() {
    clearTimeout(timer);
    if (needsToken && !sessionStorage.getItem(KEY)) return askToken("This deployment requires a token.");
    try {
      const response = await fetch(dataPath, { headers: auth(), cache: "no-store" });
      if (response.status === 401) {
        sessionStorage.removeItem(KEY);
        return askToken("The token was refused; enter it again.");
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      const text = await response.text();
      if (text !== last) {
        const focused = document.activeElement && document.activeElement.id;
        const open = new Set([...live.querySelectorAll("details[open]")].map((d) => d.dataset.key));
        live.innerHTML = text;
        last = text;
        for (const d of live.querySelectorAll("details[data-key]")) if (open.has(d.dataset.key)) d.open = true;
        if (focused) document.getElementById(focused)?.focus();
      }
      form.hidden = true;
      delay = EVERY;
      status.textContent = "Live, updated " + new Date().toLocaleTimeString();
    } catch (error) {
      delay = Math.min(delay * 2, 30000);
      status.textContent = "Update failed (" + error.message + "); retrying in " + delay / 1000 + " s";
    }
    if (!document.hidden) timer = setTimeout(poll, delay);
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) poll();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.querySelector("input");
    sessionStorage.setItem(KEY, input.value);
    input.value = "";
    poll();
  });
  live.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-transfer]");
    if (!button) return;
    const id = Number(button.dataset.transfer);
    const group = button.dataset.group;
    if (!confirm("Make replica " + id + " the leader of group " + group + "?")) return;
    button.disabled = true;
    const response = await fetch("/v1/groups/" + encodeURIComponent(group) + "/leader", {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ id }),
    });
    const answer = await response.json().catch(() => ({}));
    status.textContent = response.ok ? "Replica " + answer.leader + " leads " + group : "Transfer failed: " + (answer.detail || response.status);
    poll();
  });
  poll();
})();`;
