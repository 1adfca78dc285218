/** The `env` the gateway sees under test, with overrides for one call. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../workers/index";

/** `env` with some bindings replaced, for calling the gateway's fetch directly. */
export function envWith(overrides: Partial<Env>): Env {
  return { ...env, ...overrides } as Env;
}

/** One request to the Worker's own `fetch`, with `overrides` on top of its bindings. */
export async function fetchWorker(
  overrides: Partial<Env>,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`http://edgeos.test${path}`, { method, headers, body }) as Request<
      unknown,
      IncomingRequestCfProperties
    >,
    envWith(overrides),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}
