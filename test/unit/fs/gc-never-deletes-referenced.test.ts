/**
 * Garbage collection under random interleavings: uploaders (simple and multipart) that
 * write or deduplicate chunks against a modelled chunk store, overwrites, deletes, aborts,
 * expiry, and a collector whose listings are stale, sometimes failed or truncated, and
 * whose deletes interleave with everything else. After every step, every file of every
 * volume over the ring must name only chunks the store holds.
 */
import { describe, expect, it } from "vitest";
import {
  type ChunkRef,
  FsNamespace,
  type FsOp,
  type FsResult,
  MAX_UPLOAD_TTL_MS,
} from "../../../shared/fs/index";
import { Rng } from "../../../shared/rng";
import { sha } from "./fs-harness";

const SEEDS = 300;
const STEPS = 250;
const VOLUMES = ["default", "two"];
const PATHS = ["/a", "/b", "/d/c", "/d/e"];
const POOL: ChunkRef[] = Array.from({ length: 10 }, (_, i) => ({ hash: sha(`g${i}`), size: 64 }));

interface Uploader {
  volume: string;
  id: string;
  path: string;
  multipart: boolean;
  /** Chunks still to write (or find present) for the current part or file. */
  todo: ChunkRef[];
  done: ChunkRef[];
  part: number;
  parts: number;
}

type Collector =
  | { phase: "idle" }
  | { phase: "listed"; listed: string[]; complete: boolean }
  | { phase: "deleting"; sweep: string; deletable: string[] };

class World {
  ns = new FsNamespace();
  readonly store = new Set<string>();
  now = 1_000;
  uploaders: Uploader[] = [];
  collector: Collector = { phase: "idle" };
  index = 0;
  nextId = 0;
  stats = { commits: 0, refused: 0, deleted: 0, refusedListings: 0, expired: 0 };

  constructor(readonly rng: Rng) {
    this.propose("two", { kind: "createVolume", ring: "default" });
  }

  propose(volume: string, op: FsOp): FsResult {
    return this.ns.apply({ type: "fs", volume, now: this.now, op }, ++this.index);
  }

  step(): void {
    const rng = this.rng;
    this.now += rng.int(400);
    const roll = rng.int(100);
    if (roll < 12) this.startUpload();
    else if (roll < 50 && this.uploaders.length > 0) this.advance(rng.pick(this.uploaders));
    else if (roll < 56) {
      const path = rng.pick(["/d", ...PATHS]);
      this.propose(rng.pick(VOLUMES), { kind: "delete", path, recursive: rng.chance(0.5) });
    } else if (roll < 59 && this.uploaders.length > 0) {
      this.finish(rng.pick(this.uploaders), "abort");
    } else if (roll < 62) {
      this.now += rng.int(30_000);
      for (const volume of VOLUMES) {
        const result = this.propose(volume, { kind: "expireUploads" });
        if (result.ok && result.op === "expireUploads") this.stats.expired += result.expired.length;
      }
    } else this.collect();
  }

  private startUpload(): void {
    const rng = this.rng;
    const volume = rng.pick(VOLUMES);
    const id = `up${this.nextId++}`;
    const path = rng.pick(PATHS);
    const expiresAt = this.now + rng.range(2_000, MAX_UPLOAD_TTL_MS / 1000);
    if (!this.propose(volume, { kind: "beginUpload", id, path, expiresAt }).ok) return;
    const multipart = rng.chance(0.4);
    const parts = multipart ? rng.range(1, 3) : 1;
    this.uploaders.push({
      volume,
      id,
      path,
      multipart,
      todo: this.plan(),
      done: [],
      part: 1,
      parts,
    });
  }

  private plan(): ChunkRef[] {
    return Array.from({ length: this.rng.range(0, 3) }, () => this.rng.pick(POOL));
  }

  /** One step of an uploader: write or find one chunk, or record a part, or commit. */
  private advance(u: Uploader): void {
    const next = u.todo.shift();
    if (next) {
      // Deduplication: a chunk the store holds is not written again.
      if (!this.store.has(next.hash)) this.store.add(next.hash);
      u.done.push(next);
      return;
    }
    const size = u.done.reduce((s, c) => s + c.size, 0);
    let result: FsResult;
    if (!u.multipart) {
      result = this.propose(u.volume, {
        kind: "commit",
        path: u.path,
        upload: u.id,
        size,
        sha256: sha(u.id),
        chunks: u.done,
      });
    } else if (u.part <= u.parts) {
      result = this.propose(u.volume, {
        kind: "putPart",
        id: u.id,
        part: u.part,
        size,
        chunks: u.done,
      });
      if (result.ok) {
        u.part++;
        u.done = [];
        u.todo = this.plan();
        return;
      }
    } else result = this.propose(u.volume, { kind: "completeUpload", id: u.id });
    if (result.ok) {
      this.stats.commits++;
      this.finish(u, "drop");
    } else if (result.problem.kind === "unavailable") {
      this.stats.refused++;
      this.finish(u, "abort");
    } else this.finish(u, "abort");
  }

  private finish(u: Uploader, how: "abort" | "drop"): void {
    if (how === "abort") this.propose(u.volume, { kind: "abortUpload", id: u.id });
    this.uploaders = this.uploaders.filter((x) => x !== u);
  }

  /** One step of the collector: list, begin a sweep, delete one chunk, or end the sweep. */
  private collect(): void {
    const rng = this.rng;
    const c = this.collector;
    if (c.phase === "idle") {
      const listed = [...this.store].sort();
      // A failed or truncated listing: the collector reports it as incomplete.
      if (rng.chance(0.2)) {
        this.collector = {
          phase: "listed",
          listed: listed.slice(0, rng.int(listed.length + 1)),
          complete: false,
        };
      } else this.collector = { phase: "listed", listed, complete: true };
    } else if (c.phase === "listed") {
      const sweep = `s${this.nextId++}`;
      const op: FsOp = { kind: "gcBegin", sweep, listed: c.listed, complete: c.complete };
      const result = this.propose(rng.pick(VOLUMES), op);
      if (!c.complete) {
        expect(result).toMatchObject({ ok: false, problem: { kind: "unavailable" } });
        this.stats.refusedListings++;
        this.collector = { phase: "idle" };
      } else if (result.ok && result.op === "gcBegin") {
        this.collector = { phase: "deleting", sweep, deletable: [...result.deletable] };
      } else this.collector = { phase: "idle" };
    } else {
      const hash = c.deletable.shift();
      if (hash !== undefined) {
        if (this.store.delete(hash)) this.stats.deleted++;
        return;
      }
      expect(this.propose("default", { kind: "gcEnd", sweep: c.sweep }).ok).toBe(true);
      this.collector = { phase: "idle" };
    }
  }

  /** Chunks named by some file of some volume that the store does not hold. */
  missing(): string[] {
    const out: string[] = [];
    for (const volume of VOLUMES) {
      for (const path of PATHS) {
        const stat = this.propose(volume, { kind: "stat", path });
        if (!stat.ok || stat.op !== "stat" || stat.stat.type !== "file") continue;
        for (const { hash } of stat.stat.chunks) {
          if (!this.store.has(hash)) out.push(`${volume}:${path}:${hash.slice(0, 8)}`);
        }
      }
    }
    return out;
  }
}

describe("garbage collection fails closed", () => {
  it(`never deletes a chunk a committed file names, over ${SEEDS} seeds × ${STEPS} steps`, () => {
    const total = { commits: 0, refused: 0, deleted: 0, refusedListings: 0, expired: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const world = new World(new Rng(seed));
      const restoreAt = world.rng.int(STEPS);
      for (let step = 0; step < STEPS; step++) {
        world.step();
        if (step === restoreAt) {
          // Mid-run, a replica restored from a snapshot carries on: intents, parts, sweeps.
          const snapshot = world.ns.snapshot();
          world.ns = new FsNamespace();
          world.ns.restore(snapshot);
          expect(world.ns.snapshot()).toEqual(snapshot);
        }
        const missing = world.missing();
        if (missing.length > 0) expect(missing, `seed ${seed} step ${step}`).toEqual([]);
      }
      for (const key of Object.keys(total) as (keyof typeof total)[])
        total[key] += world.stats[key];
    }
    // The runs did collect garbage, refuse doomed commits and bad listings, and commit a lot.
    expect(total.deleted).toBeGreaterThan(1000);
    expect(total.refused).toBeGreaterThan(50);
    expect(total.refusedListings).toBeGreaterThan(100);
    expect(total.commits).toBeGreaterThan(2000);
    expect(total.expired).toBeGreaterThan(10);
  });
});
