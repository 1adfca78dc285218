/**
 * CPU time used by server processes during a run, from Linux's /proc: what the servers
 * spent per request, and how many cores they kept busy — so a throughput gap can be told
 * apart from a difference in how much of the machine each system can use.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU counters (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;

/** Parent pid and user+system ticks of one process, or undefined once it is gone. */
function readStat(pid: number): { parent: number; ticks: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces; the fields after its ")" are fixed.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** User plus system CPU milliseconds used so far by `roots` and every process below them. */
export function processTreeCpuMs(roots: readonly number[]): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const inTree = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 64; hops++) {
      if (roots.includes(at)) return true;
      at = stats.get(at)?.parent ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Server CPU over a run: per successful request, and in cores kept busy on average. */
export interface ServerCpu {
  cpuMs: number;
  cpuMsPerOk: number;
  cores: number;
}

/** Summarises the CPU `roots` used between `beforeMs` (a `processTreeCpuMs` reading) and now. */
export function serverCpuSince(
  roots: readonly number[],
  beforeMs: number,
  ok: number,
  elapsedMs: number,
): ServerCpu {
  const cpuMs = processTreeCpuMs(roots) - beforeMs;
  return {
    cpuMs: Math.round(cpuMs),
    cpuMsPerOk: ok > 0 ? Math.round((cpuMs / ok) * 1000) / 1000 : 0,
    cores: elapsedMs > 0 ? Math.round((cpuMs / elapsedMs) * 100) / 100 : 0,
  };
}
