/**
 * The dashboard's paths. Pages (`/ui`, `/ui/jobs`, `/ui/jobs/{id}`, `/ui/groups/{g}`,
 * `/ui/rings/{r}`, `/ui/volumes/{v}`) are public shells: with a token set they hold no
 * data. Their data lives under `/ui/live…`, behind the bearer token like every API route,
 * at the page's path with `/ui` replaced by `/ui/live`.
 */

/** Prefix of the dashboard's data fragments. */
export const LIVE_PREFIX = "/ui/live";

/** Whether `path` is a dashboard page (served without a token, and then without data). */
export function isUiPage(path: string): boolean {
  return (
    path === "/ui" ||
    path === "/ui/jobs" ||
    /^\/ui\/(?:groups|rings|jobs|volumes)\/[^/]+$/.test(path)
  );
}

/** The data fragment of a page: `/ui/groups/a` → `/ui/live/groups/a`. */
export function liveDataPath(pagePath: string): string {
  return LIVE_PREFIX + pagePath.slice("/ui".length);
}
