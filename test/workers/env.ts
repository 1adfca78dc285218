/** The `env` the gateway sees under test, with overrides for one call. */
import { env } from "cloudflare:workers";

/** `env` with some bindings replaced, for calling the gateway's fetch directly. */
export function envWith(overrides: Partial<Env>): Env {
  return { ...env, ...overrides } as Env;
}
