/**
 * The edgeos Worker: every request enters the gateway. Durable Object classes are
 * re-exported from here so wrangler can bind them.
 */
import { warmUpPlacement } from "../shared/sched/placement/warm-up";
import { createGateway } from "./gateway/app";

export { ChordRingNode } from "../durable-objects/dht/chord-ring-node";
export { KademliaRingNode } from "../durable-objects/dht/kademlia-ring-node";
export { RingDirectory } from "../durable-objects/dht/ring-directory";
export { JobScheduler } from "../durable-objects/jobs/job-scheduler";
export { SiteExecutor } from "../durable-objects/jobs/site-executor";
export { RaftReplica } from "../durable-objects/raft/raft-replica";

const gateway = createGateway();
// One-time costs paid here, while the isolate starts, stay out of the first request's
// CPU time: Hono compiles its route table on the first match, and V8 compiles and
// optimises the placement pipeline as it runs (shared/sched/placement/warm-up.ts).
gateway.router.match("GET", "/");
warmUpPlacement();

export default {
  fetch: (request, env, ctx) => gateway.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
