/**
 * Bindings that `wrangler types` cannot see because they are secrets (set with
 * `wrangler secret put`, or `--var` / `.dev.vars` locally).
 */
declare namespace Cloudflare {
  interface Env {
    /** When set, the bearer token every non-public route requires. */
    EDGEOS_TOKEN?: string;
  }
}
