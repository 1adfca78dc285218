/**
 * The type of the gateway app and the factory every route module uses, so that all
 * routes share the validation hook and contribute to one OpenAPI document.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RequestVariables } from "./request-log";
import { validationHook } from "./validation";

/** Hono environment of the gateway: Worker bindings plus per-request variables. */
export interface GatewayEnv {
  Bindings: Env;
  Variables: RequestVariables;
}

/** The gateway's Hono app type. */
export type ApiApp = OpenAPIHono<GatewayEnv>;

/** A new app (or sub-app) whose routes validate through the shared problem hook. */
export function createApiApp(): ApiApp {
  return new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook });
}
