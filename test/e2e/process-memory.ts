/** Memory of the processes behind a server under test, read from Linux's /proc. */
import { readdirSync, readFileSync } from "node:fs";

/**
 * The peak resident set (VmHWM, bytes) of every process named `name` in process group
 * `group`, summed; 0 when there is none.
 */
export function peakRss(group: number, name: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const pgrp = Number(stat.slice(close + 2).split(" ")[2]);
      if (comm !== name || pgrp !== group) continue;
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      total += kib * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** The process group of this process (its children not started detached are in it). */
export function ownProcessGroup(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}
