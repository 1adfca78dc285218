/**
 * Committed entries per second through the pure Raft core: N replicas in one process,
 * a zero-latency in-memory network (messages delivered in FIFO order as soon as they are
 * sent), in-memory storage with periodic compaction, and each Ready drained in the house
 * order (persist, send, apply, advance). The leader proposes batches of 1 or 64 entries,
 * keeping up to 8 batches in flight so replication pipelines.
 *
 * Target (issue 3): ≥ 100,000 committed entries/s with 3 replicas and batches of 64.
 */
import { cpus } from "node:os";
import { Raft } from "../../shared/consensus/raft/raft";
import { RawNode } from "../../shared/consensus/raft/raw-node";
import { MemoryStorage } from "../../shared/consensus/raft/storage";
import type { Message } from "../../shared/consensus/raft/types";
import { Rng } from "../../shared/rng";
import { emit, markdownTable, writeBenchSection } from "../report";

const TARGET = 100_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const IN_FLIGHT_BATCHES = 8;
const COMPACT_EVERY = 10_000;

interface Replica {
  node: RawNode;
  storage: MemoryStorage;
  applied: number;
}

function buildGroup(size: number): Replica[] {
  const voters = Array.from({ length: size }, (_, i) => i + 1);
  const rng = new Rng(size);
  return voters.map((id) => {
    const storage = new MemoryStorage({ voters, learners: [] });
    const raft = new Raft({ id, storage, rng: rng.fork(), electionTick: 10, heartbeatTick: 1 });
    return { node: new RawNode(raft), storage, applied: 0 };
  });
}

/** Drains every Ready and delivers every message until the group is idle. */
function pump(group: Replica[], inbox: Message[]): void {
  for (;;) {
    let progressed = false;
    for (const r of group) {
      while (r.node.hasReady()) {
        progressed = true;
        const rd = r.node.ready();
        if (rd.snapshot) r.storage.applySnapshot(rd.snapshot);
        r.storage.append(rd.entries);
        if (rd.hardState) r.storage.setHardState(rd.hardState);
        for (const m of rd.messages) inbox.push(m);
        const last = rd.committedEntries[rd.committedEntries.length - 1];
        if (last) r.applied = last.index;
        r.node.advance(rd);
        if (r.applied - r.storage.snapshot().meta.index >= COMPACT_EVERY) {
          r.storage.createSnapshot(r.applied, r.node.raft.tracker.confState(), new Uint8Array());
          r.storage.compact(r.applied - 100);
        }
      }
    }
    if (inbox.length === 0 && !progressed) return;
    const batch = inbox.splice(0, inbox.length);
    for (const m of batch) group[m.to - 1]?.node.step(m);
  }
}

function measure(
  size: number,
  batch: number,
  seconds: number,
): { entries: number; seconds: number } {
  const group = buildGroup(size);
  const inbox: Message[] = [];
  const leader = group[0] as Replica;
  leader.node.campaign();
  pump(group, inbox);
  if (leader.node.raft.role !== "leader") throw new Error("replica 1 did not become leader");
  const payload = new Uint8Array(64);
  const proposal = Array.from({ length: batch }, () => payload);
  const startIndex = leader.applied;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let round = 0; round < 100; round++) {
      // Several batches go out before any is acknowledged, so appends pipeline.
      for (let b = 0; b < IN_FLIGHT_BATCHES; b++) leader.node.propose(proposal);
      pump(group, inbox);
    }
    elapsed = performance.now() - started;
  }
  return { entries: leader.applied - startIndex, seconds: elapsed / 1000 };
}

measure(3, 64, 0.5); // warm up the JIT so the first row is not penalised
const rows: (string | number)[][] = [];
for (const size of [3, 5]) {
  for (const batch of [1, 64]) {
    const { entries, seconds } = measure(size, batch, SECONDS);
    const perSecond = Math.round(entries / seconds);
    const hasTarget = size === 3 && batch === 64;
    emit({
      bench: "raft-core",
      replicas: size,
      batch,
      committedEntries: entries,
      seconds: Number(seconds.toFixed(3)),
      entriesPerSecond: perSecond,
      ...(hasTarget ? { target: TARGET, ratio: Number((perSecond / TARGET).toFixed(2)) } : {}),
    });
    rows.push([
      size,
      batch,
      perSecond.toLocaleString("en-US"),
      hasTarget ? `≥ ${TARGET.toLocaleString("en-US")}` : "—",
      hasTarget ? (perSecond / TARGET).toFixed(2) : "—",
    ]);
  }
}

writeBenchSection(
  "raft-core",
  `## raft-core — committed entries/s through the pure Raft core

Zero-latency in-process network, in-memory storage compacted every ${COMPACT_EVERY.toLocaleString("en-US")} entries, 64-byte entries, up to ${IN_FLIGHT_BATCHES} batches in flight, ${SECONDS} s per row, one core of ${cpus()[0]?.model ?? "unknown CPU"} (Node ${process.versions.node}).

${markdownTable(["replicas", "batch", "committed entries/s", "target", "ratio"], rows)}
`,
);
