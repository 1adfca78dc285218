/** The state the fuzz files set up and watch: a group, a ring and the job table. */
import { callGateway } from "../gateway-call";

/** Names of what the fuzz files create, offered to the fuzzer as path parameters. */
export const FUZZ_GROUP = "fuzz";
export const FUZZ_RING = "fuzzring";

/** Creates the fuzz group with a few keys (some with slashes). */
export async function setUpGroup(): Promise<void> {
  const created = await callGateway("POST", "/v1/groups", {
    name: FUZZ_GROUP,
    engine: "raft",
    replicas: 3,
  });
  if (created.status !== 201) throw new Error(`group: ${JSON.stringify(created.body)}`);
  for (const key of ["a", "config/app/db", "config/log"]) {
    const put = await callGateway("PUT", `/v1/groups/${FUZZ_GROUP}/kv/${key}`, { value: key });
    if (put.status !== 200) throw new Error(`put ${key}: ${JSON.stringify(put.body)}`);
  }
}

/** Creates a small fuzz ring with two keys. */
export async function setUpRing(): Promise<void> {
  const created = await callGateway("POST", "/v1/rings", {
    name: FUZZ_RING,
    overlay: "chord",
    nodes: 4,
    replication: 3,
  });
  if (created.status !== 201) throw new Error(`ring: ${JSON.stringify(created.body)}`);
  for (const key of ["k1", "dir/k2"]) {
    const put = await callGateway("PUT", `/v1/rings/${FUZZ_RING}/keys/${encodeURIComponent(key)}`, {
      value: key,
    });
    if (put.status !== 200) throw new Error(`ring put ${key}: ${JSON.stringify(put.body)}`);
  }
}

/** The fuzz group's revision and key count (a serializable read, which changes nothing). */
export async function groupState(): Promise<unknown> {
  const answer = await callGateway(
    "GET",
    `/v1/groups/${FUZZ_GROUP}/kv?countOnly=true&consistency=serializable`,
  );
  return { status: answer.status, revision: answer.body.revision, count: answer.body.count };
}

/** The fuzz ring's membership version and every node's key count. */
export async function ringState(): Promise<unknown> {
  const answer = await callGateway<{ version: number; nodes: { id: string; keys: number }[] }>(
    "GET",
    `/v1/rings/${FUZZ_RING}`,
  );
  return {
    status: answer.status,
    version: answer.body.version,
    keys: answer.body.nodes?.map((node) => `${node.id}:${node.keys}`),
  };
}

/** How many jobs the scheduler holds. */
export async function jobState(): Promise<unknown> {
  const answer = await callGateway<{ items: unknown[] }>("GET", "/v1/jobs?limit=100");
  return { status: answer.status, jobs: answer.body.items?.length };
}

/** Everything the fuzz files watch: the group, the ring and the job table. */
export async function watchedState(): Promise<unknown> {
  return { group: await groupState(), ring: await ringState(), jobs: await jobState() };
}

/** Names the fuzzer may put in each path parameter, besides hostile text. */
export const KNOWN_NAMES = {
  group: [FUZZ_GROUP],
  ring: [FUZZ_RING],
  key: ["a", "config/app/db", "config%2Flog", "new/key", "k1"],
  id: ["1", "2", "4", "n1", "00000000-0000-4000-8000-000000000000"],
  volume: ["fuzzvol"],
  path: ["a.txt", "dir/b.txt"],
  part: ["1"],
};
