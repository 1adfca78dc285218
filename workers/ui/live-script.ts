/**
 * The dashboard's one inline script. It polls the page's live fragment (the page's path
 * under `/ui/live`) every 5 s while the page is visible, not at all while it is hidden
 * (every refresh reads Durable Objects, a budget on the free plan), backing off to 30 s
 * while that fails, and swaps it in. It asks for the token once when the deployment needs
 * one and keeps it in sessionStorage, sending it only as `Authorization: Bearer`; and it
 * runs the actions — leader transfer, member add and remove, file upload, new folder and
 * file delete — each once confirmed, saying the outcome in `#action-status`. With a token,
 * a file's download link is fetched with it and saved from memory. Focus, open `<details>`
 * and the forms marked `data-keep` (a chosen file, typed text) survive a refresh.
 */
export const LIVE_SCRIPT = `(() => {
  document.documentElement.classList.add("js");
  const live = document.getElementById("live");
  const status = document.getElementById("live-status");
  const outcome = document.getElementById("action-status");
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
        const kept = new Map([...live.querySelectorAll("[data-keep]")].map((el) => [el.id, el]));
        live.innerHTML = text;
        last = text;
        for (const fresh of live.querySelectorAll("[data-keep]")) {
          const old = kept.get(fresh.id);
          if (old) fresh.replaceWith(old);
        }
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
    outcome.textContent = response.ok ? "Done: " + question.slice(0, -1) : "Refused: " + (await refusal(response));
    poll();
  };
  const refusal = async (response) => {
    const answer = await response.json().catch(() => ({}));
    return answer.detail || "HTTP " + response.status;
  };
  const download = async (link) => {
    outcome.textContent = "Downloading " + link.download + "…";
    const response = await fetch(link.href, { headers: auth() });
    if (!response.ok) return (outcome.textContent = "Download refused: " + (await refusal(response)));
    const saved = document.createElement("a");
    saved.href = URL.createObjectURL(await response.blob());
    saved.download = link.download;
    saved.click();
    setTimeout(() => URL.revokeObjectURL(saved.href), 60000);
    outcome.textContent = "Downloaded " + link.download;
  };
  const size = (n) => (n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KiB" : (n / 1048576).toFixed(1) + " MiB");
  const upload = async (form) => {
    const files = [...form.querySelector("input[type=file]").files];
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const what = files.length === 1 ? files[0].name : files.length + " files";
    if (!confirm("Upload " + what + " (" + size(total) + ") to " + form.dataset.dir + "?")) return;
    let stored = 0;
    for (const file of files) {
      const put = (replace) => fetch(form.dataset.upload + encodeURIComponent(file.name), {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/octet-stream", ...(replace ? {} : { "if-none-match": "*" }) },
        body: file,
      });
      outcome.textContent = "Uploading " + file.name + "…";
      let response = await put(false);
      if (response.status === 412) {
        if (!confirm(file.name + " exists in " + form.dataset.dir + "; replace it?")) continue;
        response = await put(true);
      }
      if (!response.ok) {
        outcome.textContent = "Refused " + file.name + ": " + (await refusal(response));
        return poll();
      }
      stored++;
    }
    form.reset();
    outcome.textContent = "Uploaded " + stored + " of " + files.length + (files.length === 1 ? " file" : " files");
    poll();
  };
  const members = (group) => "/v1/groups/" + encodeURIComponent(group);
  live.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-download]");
    if (link && needsToken) {
      event.preventDefault();
      download(link);
    }
    const button = event.target.closest("[data-transfer], [data-remove], [data-delete-file]");
    if (!button) return;
    const group = button.dataset.group;
    if (button.dataset.deleteFile) {
      act("Delete " + button.dataset.path + "?", "DELETE", button.dataset.deleteFile);
    } else if (button.dataset.transfer) {
      const id = Number(button.dataset.transfer);
      act("Make replica " + id + " the leader of group " + group + "?", "POST", members(group) + "/leader", { id });
    } else {
      const id = Number(button.dataset.remove);
      act("Remove replica " + id + " from group " + group + "?", "DELETE", members(group) + "/members/" + id);
    }
  });
  live.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.upload || form.dataset.mkdir) {
      event.preventDefault();
      if (form.dataset.upload) return upload(form);
      const name = form.querySelector("input").value;
      return act("Make folder " + name + " in " + form.dataset.dir + "?", "POST", form.dataset.mkdir + encodeURIComponent(name)).then(() => form.reset());
    }
    const adding = event.target.closest("[data-add-member]");
    if (!adding) return;
    event.preventDefault();
    const id = Number(adding.querySelector("input").value);
    const group = adding.dataset.addMember;
    act("Add replica " + id + " to group " + group + "?", "POST", members(group) + "/members", { id });
  });
  poll();
})();`;
