/** Helpers for driving consensus groups through `SELF` in the workerd tests. */
import { env } from "cloudflare:workers";
import type { ReplicaState } from "../../../shared/consensus/host/host-status";
import { type Answer, callGateway } from "../gateway-call";

export { eventually } from "../eventually";

export type { Answer };

/** One JSON request to the gateway, at a path under /v1/groups. */
export function call(method: string, path: string, body?: unknown): Promise<Answer> {
  return callGateway(method, `/v1/groups${path}`, body);
}

/** How a test group is created: a Raft group of 3 unless asked. */
export interface GroupOptions {
  engine?: "raft" | "paxos";
  replicas?: number;
  snapshotEvery?: number;
  quorums?: { phase1: number; phase2: number };
}

/** Creates a group named `name`. */
export async function createGroup(name: string, options: GroupOptions = {}): Promise<void> {
  const { engine = "raft", replicas = 3, snapshotEvery, quorums } = options;
  const created = await call("POST", "", {
    name,
    engine,
    replicas,
    ...(snapshotEvery && { snapshotEvery }),
    ...(quorums && { quorums }),
  });
  if (created.status !== 201) throw new Error(`create ${name}: ${JSON.stringify(created.body)}`);
}

/** PUT with retries on 503 (elections after a crash), as a client would do. */
export async function put(group: string, key: string, value: string): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const answer = await call("PUT", `/${group}/kv/${encodeURIComponent(key)}`, { value });
    if (answer.status !== 503 || attempt >= 20) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface GroupStatus {
  leader: number;
  lastLeader: number;
  state: ReplicaState;
  term: number;
  commit: number;
  applied: number;
  quiesced: boolean;
  members: { id: number; match: number | null; lag: number | null; role: string }[];
  stats: Record<string, number>;
}

export async function status(group: string): Promise<GroupStatus> {
  const answer = await call("GET", `/${group}`);
  if (answer.status !== 200) throw new Error(`status ${group}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as GroupStatus;
}

/** The replica DO `id` of `group`. */
export function replica(group: string, id: number) {
  return env.RAFT_REPLICA.getByName(`${group}/${id}`);
}
