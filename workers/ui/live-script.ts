/**
 * The dashboard's one inline script. It polls the page's live fragment (the page's path
 * under `/ui/live`) every 5 s while the page is visible, not at all while it is hidden
 * (every refresh reads Durable Objects, a budget on the free plan), backing off to 30 s
 * while that fails, and swaps it in. It asks for the token once when the deployment needs
 * one and keeps it in sessionStorage, sending it only as `Authorization: Bearer`; and it
 * runs the group actions (leader transfer, member add and remove), each once confirmed.
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
  const act = async (question, method, path, body) => {
    if (!confirm(question)) return;
    const response = await fetch(path, {
      method,
      headers: { ...auth(), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    status.textContent = response.ok ? "Done: " + question.slice(0, -1) : "Refused: " + (answer.detail || response.status);
    poll();
  };
  const members = (group) => "/v1/groups/" + encodeURIComponent(group);
  live.addEventListener("click", (event) => {
    const button = event.target.closest("[data-transfer], [data-remove]");
    if (!button) return;
    const group = button.dataset.group;
    if (button.dataset.transfer) {
      const id = Number(button.dataset.transfer);
      act("Make replica " + id + " the leader of group " + group + "?", "POST", members(group) + "/leader", { id });
    } else {
      const id = Number(button.dataset.remove);
      act("Remove replica " + id + " from group " + group + "?", "DELETE", members(group) + "/members/" + id);
    }
  });
  live.addEventListener("submit", (event) => {
    const adding = event.target.closest("[data-add-member]");
    if (!adding) return;
    event.preventDefault();
    const id = Number(adding.querySelector("input").value);
    const group = adding.dataset.addMember;
    act("Add replica " + id + " to group " + group + "?", "POST", members(group) + "/members", { id });
  });
  poll();
})();`;
