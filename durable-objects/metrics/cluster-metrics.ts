/**
 * CLUSTER_METRICS: the deployment's request metrics of the last minutes, one object named
 * {@link METRICS_OBJECT}. Isolates send it their buffered windows in batches (at most one
 * per isolate every few seconds, see workers/gateway/request-metrics.ts); it merges them
 * into one `RequestWindow`, keeps that in its SQLite KV storage so an eviction loses
 * nothing, and answers the summary the dashboard shows.
 */
import { DurableObject } from "cloudflare:workers";
import {
  RequestWindow,
  type WindowBatch,
  type WindowSummary,
} from "../../shared/metrics/request-window";

/** The one metrics object's name. */
export const METRICS_OBJECT = "metrics";

const STORAGE_KEY = "window";

export class ClusterMetrics extends DurableObject<Env> {
  private readonly window = new RequestWindow();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const stored = ctx.storage.kv.get<WindowBatch>(STORAGE_KEY);
    if (stored) this.window.merge(stored, Date.now());
  }

  /** Merges an isolate's batch and answers the summary with it. */
  record(batch: WindowBatch): WindowSummary {
    this.window.merge(batch, Date.now());
    this.ctx.storage.kv.put(STORAGE_KEY, this.window.toBatch());
    return this.window.summary(Date.now());
  }
}
