/**
 * The edgeos Worker: every request enters the gateway. Durable Object classes are
 * re-exported from here as their parts land, so wrangler can bind them.
 */
import { createGateway } from "./gateway/app";

const gateway = createGateway();

export default {
  fetch: (request, env, ctx) => gateway.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
