/**
 * The edgeos Worker: every request enters the gateway. Durable Object classes are
 * re-exported from here so wrangler can bind them.
 */
import { createGateway } from "./gateway/app";
import { warmUpIsolate } from "./isolate-warm-up";
import { createS3App, s3PrefixOf } from "./s3/s3-front-door";

export { ChordRingNode } from "../durable-objects/dht/chord-ring-node";
export { KademliaRingNode } from "../durable-objects/dht/kademlia-ring-node";
export { RingDirectory } from "../durable-objects/dht/ring-directory";
export { JobScheduler } from "../durable-objects/jobs/job-scheduler";
export { SiteExecutor } from "../durable-objects/jobs/site-executor";
export { ClusterMetrics } from "../durable-objects/metrics/cluster-metrics";
export { RaftReplica } from "../durable-objects/raft/raft-replica";

const gateway = createGateway();
const s3 = createS3App();
warmUpIsolate(gateway);

export default {
  fetch: (request, env, ctx) =>
    s3PrefixOf(request, new URL(request.url)) !== null
      ? s3.fetch(request, env, ctx)
      : gateway.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
