/**
 * The edgeos side of the benchmark: creates the `bench` group, tells whether the KV routes
 * exist yet, and reads the group's counters for the two numbers only the KV can give —
 * DO RPC calls per committed write and DO requests while idle.
 */

/** The group the benchmark writes to. */
export const BENCH_GROUP = { name: "bench", engine: "raft", replicas: 3 } as const;

/** The same load on a Multi-Paxos group (majority quorums), in the same run. */
export const PAXOS_BENCH_GROUP = { name: "bench-paxos", engine: "paxos", replicas: 3 } as const;

type BenchGroup = typeof BENCH_GROUP | typeof PAXOS_BENCH_GROUP;

/** Whether the KV can be benchmarked, and if not, why. */
export type KvAvailability = { available: true } | { available: false; reason: string };

/** The counters of `GET /v1/groups/{group}` → `stats`, whatever the KV names them. */
export type GroupStats = Record<string, number>;

async function describeResponse(response: Response): Promise<string> {
  return `${response.status} ${(await response.text()).slice(0, 200)}`;
}

/**
 * Creates the bench group (an existing one is fine) and writes one key. A 404 from either
 * means the consensus routes have not landed: the benchmark skips the KV part.
 */
export async function prepareBenchGroup(
  url: string,
  value: string,
  group: BenchGroup = BENCH_GROUP,
): Promise<KvAvailability> {
  const created = await fetch(`${url}/v1/groups`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(group),
  });
  if (created.status === 404) {
    return { available: false, reason: `POST /v1/groups: ${await describeResponse(created)}` };
  }
  if (!created.ok && created.status !== 409) {
    throw new Error(`creating the bench group failed: ${await describeResponse(created)}`);
  }
  const put = await fetch(`${url}${kvPath("probe", group.name)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value }),
  });
  if (put.status === 404) {
    const path = kvPath("probe", group.name);
    return { available: false, reason: `PUT ${path}: ${await describeResponse(put)}` };
  }
  if (!put.ok) throw new Error(`the first bench write failed: ${await describeResponse(put)}`);
  return { available: true };
}

/** The path of `key` in a bench group. */
export function kvPath(key: string, group: string = BENCH_GROUP.name): string {
  return `/v1/groups/${group}/kv/${encodeURIComponent(key)}`;
}

/** The bench group's `stats`, or undefined when its status has none. */
export async function readGroupStats(url: string): Promise<GroupStats | undefined> {
  const response = await fetch(`${url}/v1/groups/${BENCH_GROUP.name}`);
  if (!response.ok) return undefined;
  const status = (await response.json()) as { stats?: unknown };
  if (typeof status.stats !== "object" || status.stats === null) return undefined;
  return status.stats as GroupStats;
}

/** Sum of the named counters, or undefined when any is missing. */
function sumOf(stats: GroupStats, names: string[]): number | undefined {
  let sum = 0;
  for (const name of names) {
    const value = stats[name];
    if (typeof value !== "number") return undefined;
    sum += value;
  }
  return sum;
}

/**
 * EXTENSION POINT — DO RPC calls counted in `stats`: a `rpcCalls` total when the KV
 * exposes one, else the status-answering replica's calls from the gateway plus its calls
 * to peers (`clientCalls + peerCallsOut`).
 */
export function rpcCallsOf(stats: GroupStats): number | undefined {
  return typeof stats.rpcCalls === "number"
    ? stats.rpcCalls
    : sumOf(stats, ["clientCalls", "peerCallsOut"]);
}

/**
 * EXTENSION POINT — DO requests counted in `stats`: a `doRequests` total when the KV
 * exposes one, else the status-answering replica's calls in and alarms
 * (`clientCalls + peerCallsIn + alarms`).
 */
export function doRequestsOf(stats: GroupStats): number | undefined {
  return typeof stats.doRequests === "number"
    ? stats.doRequests
    : sumOf(stats, ["clientCalls", "peerCallsIn", "alarms"]);
}

/**
 * How much a counter grew between two snapshots; undefined when either lacks it or it
 * went backwards (the replica restarted and its in-memory counters began again).
 */
export function counterDelta(
  before: GroupStats | undefined,
  after: GroupStats | undefined,
  counter: (stats: GroupStats) => number | undefined,
): number | undefined {
  const [from, to] = [before && counter(before), after && counter(after)];
  if (from === undefined || to === undefined || to < from) return undefined;
  return to - from;
}

/** DO requests seen while the group sat idle. */
export interface IdleCount {
  /** Requests counted; a lower bound when `restarts` > 0. */
  requests: number;
  /** Times the counters went backwards between samples (the replica restarted). */
  restarts: number;
  /** Leader changes seen during the window. */
  termChanges: number;
}

/**
 * Counts the DO requests of an idle group over `windowMs` by sampling its status every
 * `sampleMs` (the status reads are not counted). Counters live in the replica's memory,
 * so a restart resets them: that sample adds what was counted since, and the total
 * becomes a lower bound. Undefined when the status carries no such counters.
 */
export async function countIdleRequests(
  url: string,
  windowMs: number,
  sampleMs: number,
): Promise<IdleCount | undefined> {
  const sample = async () => {
    const response = await fetch(`${url}/v1/groups/${BENCH_GROUP.name}`);
    const status = response.ok
      ? ((await response.json()) as { term?: number; stats?: unknown })
      : {};
    const stats = typeof status.stats === "object" && status.stats ? status.stats : {};
    return { term: status.term, requests: doRequestsOf(stats as GroupStats) };
  };
  let last = await sample();
  if (last.requests === undefined) return undefined;
  const count: IdleCount = { requests: 0, restarts: 0, termChanges: 0 };
  for (let waited = 0; waited < windowMs; waited += sampleMs) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(sampleMs, windowMs - waited)));
    const next = await sample();
    if (next.requests === undefined) return undefined;
    if (next.term !== last.term) count.termChanges++;
    if (next.requests < (last.requests ?? 0)) {
      count.restarts++;
      count.requests += next.requests;
    } else {
      count.requests += next.requests - (last.requests ?? 0);
    }
    last = next;
  }
  return count;
}
