/**
 * The edgeos Worker: every request enters the gateway. Durable Object classes are
 * re-exported from here so wrangler can bind them.
 */
import { createGateway } from "./gateway/app";

export { ChordRingNode } from "../durable-objects/dht/chord-ring-node";
export { KademliaRingNode } from "../durable-objects/dht/kademlia-ring-node";
export { RingDirectory } from "../durable-objects/dht/ring-directory";
export { JobScheduler } from "../durable-objects/jobs/job-scheduler";
export { SiteExecutor } from "../durable-objects/jobs/site-executor";
export { RaftReplica } from "../durable-objects/raft/raft-replica";

const gateway = createGateway();
// Hono compiles its route table on the first match. Doing it here, while the isolate
// starts, keeps that one-time cost out of the first request's CPU time.
gateway.router.match("GET", "/");

export default {
  fetch: (request, env, ctx) => gateway.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
