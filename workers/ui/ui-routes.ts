/**
 * The dashboard's routes: each page at its path and its live fragment under `/ui/live`.
 * A page renders its data only when the deployment needs no token; otherwise the page is
 * an empty shell and its script fetches the fragment with the token.
 */
import type { Context } from "hono";
import type { ApiApp, GatewayEnv } from "../gateway/api-app";
import { authRequired } from "../gateway/auth";
import { apiClient } from "./api-client";
import { groupView, loadGroupPage } from "./group-view";
import { jobView, loadJobPage } from "./job-view";
import { jobsView, loadJobsPage } from "./jobs-view";
import { loadOverview } from "./overview-data";
import { overviewView } from "./overview-view";
import { pageShell } from "./page-shell";
import { loadRingPage, ringView } from "./ring-view";
import { LIVE_PREFIX } from "./ui-paths";
import { loadVolumePage, volumeView } from "./volume-view";

/** Group names as the API accepts them; others asked for with `?group=` are dropped. */
const GROUP_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Adds `/ui`, `/ui/jobs`, `/ui/jobs/{id}`, `/ui/groups/{group}`, `/ui/rings/{ring}`,
 * `/ui/volumes/{volume}` and their fragments.
 */
export function registerUiRoutes(app: ApiApp): void {
  const overview = (c: Context<GatewayEnv>) => {
    const watched = (c.req.queries("group") ?? []).filter((name) => GROUP_NAME.test(name));
    return loadOverview(apiClient(app, c), watched).then(overviewView);
  };
  const group = (c: Context<GatewayEnv>) =>
    loadGroupPage(apiClient(app, c), c.req.param("group") ?? "", c.req.query("prefix") ?? "").then(
      groupView,
    );

  const ring = (c: Context<GatewayEnv>) =>
    loadRingPage(apiClient(app, c), c.req.param("ring") ?? "").then(ringView);

  const volume = (c: Context<GatewayEnv>) =>
    loadVolumePage(
      apiClient(app, c),
      c.req.param("volume") ?? "",
      c.req.query("path") || "/",
      c.req.query("cursor") || null,
    ).then(volumeView);

  const jobs = (c: Context<GatewayEnv>) =>
    loadJobsPage(apiClient(app, c), c.req.query("state") ?? null).then(jobsView);

  const job = (c: Context<GatewayEnv>) =>
    loadJobPage(apiClient(app, c), c.req.param("id") ?? "").then(jobView);

  const page = (title: (c: Context<GatewayEnv>) => string, live: typeof overview) => {
    return async (c: Context<GatewayEnv>) => {
      const tokenRequired = authRequired(c.env);
      const body = pageShell({
        title: title(c),
        tokenRequired,
        live: tokenRequired ? null : await live(c),
      });
      return c.html(body, 200, { "cache-control": "no-store" });
    };
  };
  const fragment = (live: typeof overview) => async (c: Context<GatewayEnv>) =>
    c.html(await live(c), 200, { "cache-control": "no-store" });

  app.get(
    "/ui",
    page(() => "Overview", overview),
  );
  app.get(LIVE_PREFIX, fragment(overview));
  app.get(
    "/ui/groups/:group",
    page((c) => `Group ${c.req.param("group")}`, group),
  );
  app.get(`${LIVE_PREFIX}/groups/:group`, fragment(group));
  app.get(
    "/ui/jobs",
    page(() => "Jobs", jobs),
  );
  app.get(`${LIVE_PREFIX}/jobs`, fragment(jobs));
  app.get(
    "/ui/jobs/:id",
    page((c) => `Job ${(c.req.param("id") ?? "").slice(0, 8)}`, job),
  );
  app.get(`${LIVE_PREFIX}/jobs/:id`, fragment(job));
  app.get(
    "/ui/rings/:ring",
    page((c) => `Ring ${c.req.param("ring")}`, ring),
  );
  app.get(`${LIVE_PREFIX}/rings/:ring`, fragment(ring));
  app.get(
    "/ui/volumes/:volume",
    page((c) => `Volume ${c.req.param("volume")}`, volume),
  );
  app.get(`${LIVE_PREFIX}/volumes/:volume`, fragment(volume));
}
