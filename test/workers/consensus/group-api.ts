/** Helpers for driving consensus groups through `SELF` in the workerd tests. */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";

export { eventually } from "../eventually";

const BASE = "http://edgeos.test/v1/groups";

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** One JSON request to the gateway. */
export async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Creates a group named `name` (3 replicas unless asked). */
export async function createGroup(
  name: string,
  replicas = 3,
  snapshotEvery?: number,
): Promise<void> {
  const created = await call("POST", "", {
    name,
    engine: "raft",
    replicas,
    ...(snapshotEvery && { snapshotEvery }),
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
