/**
 * The reference: a 3-member etcd cluster on loopback from Debian's `etcd-server` package
 * (installed with apt-get when `etcd` is missing), each member in its own process with its
 * own client and peer ports and a data directory under one temporary directory.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../test/e2e/wrangler-dev";

const HEALTH_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** A running cluster. */
export interface EtcdCluster {
  /** Client URLs, one per member. */
  endpoints: string[];
  /** Process ids of the members. */
  pids: number[];
  /** Client URL of the member that leads now. */
  leader(): Promise<string>;
  /** Stops every member and removes the data directories. */
  stop(): Promise<void>;
}

/** `etcd --version`'s version, or undefined when etcd is not installed. */
function installedVersion(): string | undefined {
  const run = spawnSync("etcd", ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) return undefined;
  return /etcd Version:\s*(\S+)/.exec(run.stdout)?.[1] ?? run.stdout.trim();
}

/** Installs Debian's etcd-server if `etcd` is missing; returns the installed version. */
export function ensureEtcd(log: (line: string) => void): string {
  const present = installedVersion();
  if (present) return present;
  log("etcd not found: apt-get install -y etcd-server");
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "etcd-server"]]) {
    const run = spawnSync("apt-get", args, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (${run.status})`);
  }
  const installed = installedVersion();
  if (!installed) throw new Error("etcd-server installed but `etcd --version` fails");
  return installed;
}

/** Starts `size` members and resolves once every one reports healthy. */
export async function startEtcdCluster(size = 3): Promise<EtcdCluster> {
  const root = mkdtempSync(join(tmpdir(), "edgeos-bench-etcd-"));
  const members = [];
  for (let i = 0; i < size; i++) {
    members.push({ name: `m${i}`, client: await freePort(), peer: await freePort() });
  }
  const initialCluster = members.map((m) => `${m.name}=http://127.0.0.1:${m.peer}`).join(",");
  const children: ChildProcess[] = members.map((m) => {
    const logFd = openSync(join(root, `${m.name}.log`), "a");
    return spawn(
      "etcd",
      [
        `--name=${m.name}`,
        `--data-dir=${join(root, m.name)}`,
        `--listen-client-urls=http://127.0.0.1:${m.client}`,
        `--advertise-client-urls=http://127.0.0.1:${m.client}`,
        `--listen-peer-urls=http://127.0.0.1:${m.peer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${m.peer}`,
        `--initial-cluster=${initialCluster}`,
        `--initial-cluster-token=edgeos-bench-${process.pid}`,
        "--initial-cluster-state=new",
        "--logger=zap",
        "--log-level=warn",
      ],
      { stdio: ["ignore", logFd, logFd] },
    );
  });
  const endpoints = members.map((m) => `http://127.0.0.1:${m.client}`);
  const stop = async () => {
    await Promise.all(children.map(stopMember));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await Promise.all(endpoints.map((url) => waitHealthy(url, children)));
  } catch (error) {
    const logs = members.map((m) => readFileSync(join(root, `${m.name}.log`), "utf8").slice(-1500));
    await stop();
    throw new Error(`${(error as Error).message}\n--- etcd logs ---\n${logs.join("\n")}`);
  }
  const pids = children.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  return { endpoints, pids, leader: () => findLeader(endpoints), stop };
}

async function waitHealthy(url: string, children: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const exited = children.find((child) => child.exitCode !== null);
    if (exited) throw new Error(`an etcd member exited with ${exited.exitCode}`);
    try {
      const health = (await (await fetch(`${url}/health`)).json()) as { health?: string };
      if (health.health === "true") return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`etcd at ${url} not healthy within ${HEALTH_TIMEOUT_MS} ms`);
}

/** Asks each member for its status; the leader is the one whose own id is the leader id. */
async function findLeader(endpoints: string[]): Promise<string> {
  for (const url of endpoints) {
    const response = await fetch(`${url}/v3/maintenance/status`, { method: "POST", body: "{}" });
    const status = (await response.json()) as { header?: { member_id?: string }; leader?: string };
    if (status.leader !== undefined && status.header?.member_id === status.leader) return url;
  }
  throw new Error("no etcd member reports itself as leader");
}

async function stopMember(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
