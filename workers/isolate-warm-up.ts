/**
 * One-time work done while the Worker's isolate starts, so that its first requests do not
 * pay for it. Cloudflare runs a Worker's top-level code when it starts the isolate and
 * limits it separately (1 s of startup) from a request's CPU time (10 ms on the free plan).
 * The bundle is shared, so Durable Object isolates run this too.
 *
 * Measured with bench/placement/fresh-isolate.ts, which runs the bundle with and without
 * this call side by side; docs/sched/README.md has the figures.
 */
import { warmUpPlacement } from "../shared/sched/placement/warm-up";
import type { ApiApp } from "./gateway/api-app";

/**
 * Short-lived arrays allocated at the end of startup (about 9 MB): enough for V8 to run
 * at least two young-generation collections (scavenges) there. Objects that survive two
 * are promoted, so the many long-lived objects startup created (routes, schemas, the
 * catalog, compiled code's metadata) leave the young generation during startup. Without
 * this, the first requests' collections copy them — about 2 ms each on this machine
 * (`--trace-gc`), the first of them inside the very first request — where afterwards a
 * request's collection takes 0.2 ms.
 */
const STARTUP_GARBAGE_ARRAYS = 60_000;

/** Runs the isolate's one-time work: call once, at module load. */
export function warmUpIsolate(gateway: ApiApp): void {
  // Hono compiles its route table on the first match.
  gateway.router.match("GET", "/");
  // V8 compiles and optimises the placement pipeline as it runs.
  warmUpPlacement();
  flushYoungGeneration();
}

/**
 * Allocates STARTUP_GARBAGE_ARRAYS small arrays, each kept only until 64 later ones have
 * been made (stored, so that no compiler can prove them dead and skip the allocation).
 */
function flushYoungGeneration(): void {
  const recent: unknown[] = new Array(64);
  for (let i = 0; i < STARTUP_GARBAGE_ARRAYS; i++) recent[i % 64] = new Array(32);
}
