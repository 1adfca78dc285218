/**
 * Bindings that `wrangler types` cannot see because they are secrets (set with
 * `wrangler secret put`, or `--var` / `.dev.vars` locally).
 */
declare namespace Cloudflare {
  interface Env {
    /** When set, the bearer token every non-public route requires. */
    EDGEOS_TOKEN?: string;
    /** S3 access keys: comma-separated `ACCESS_KEY:SECRET` pairs; without it S3 refuses every request. */
    EDGEOS_S3_KEYS?: string;
    /** Buckets whose objects and listings anonymous S3 requests may read, comma-separated. */
    EDGEOS_S3_PUBLIC_BUCKETS?: string;
  }
}
