/**
 * Reads the gateway's own API in-process (`app.request`), so the dashboard shows exactly
 * what the API answers and duplicates none of its logic. The caller's `Authorization`
 * header is passed on, so the API's own auth decides what the dashboard may read; the
 * reads are marked internal, so request metrics count the page's request and not each read.
 */
import type { Context } from "hono";
import type { ApiApp, GatewayEnv } from "../gateway/api-app";
import { INTERNAL_READ_HEADER } from "../gateway/request-metrics";
import type { ApiGet, Loaded } from "./api-types";

/** An {@link ApiGet} that calls `app` in-process with the request's credentials. */
export function apiClient(app: ApiApp, c: Context<GatewayEnv>): ApiGet {
  const authorization = c.req.header("authorization");
  const headers: Record<string, string> = { [INTERNAL_READ_HEADER]: "1" };
  if (authorization) headers.authorization = authorization;
  return async <T>(path: string): Promise<Loaded<T>> => {
    const response = await app.request(path, { headers }, c.env, c.executionCtx);
    const body = (await response.json().catch(() => null)) as (T & { detail?: string }) | null;
    if (response.ok && body !== null) return { ok: true, value: body };
    return { ok: false, status: response.status, detail: body?.detail ?? response.statusText };
  };
}
