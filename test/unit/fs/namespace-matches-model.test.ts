import { describe, expect, it } from "vitest";
import {
  type ChunkRef,
  canonicalJson,
  FsNamespace,
  type FsOp,
  type FsResult,
  type NodeStat,
} from "../../../shared/fs/index";
import { Rng } from "../../../shared/rng";
import { sha } from "./fs-harness";
import { type ModelAnswer, NamespaceModel } from "./namespace-model";

const SEEDS = 300;
const OPS = 50;
const NAMES = ["a", "b", "é", "😀", "Z"];
/** A fixed pool, each hash with one size, so chunks deduplicate across files. */
const POOL: ChunkRef[] = Array.from({ length: 12 }, (_, i) => ({
  hash: sha(`pool ${i}`),
  size: 1 + ((i * 7919) % 1000),
}));

function randomPath(rng: Rng): string {
  if (rng.chance(0.05)) return "/";
  const depth = rng.range(1, 3);
  let path = "";
  for (let i = 0; i < depth; i++) path += `/${rng.pick(NAMES.slice(0, 3 + (i === 0 ? 2 : 0)))}`;
  return rng.chance(0.1) ? `${path}/` : path;
}

function randomChunks(rng: Rng): ChunkRef[] {
  return Array.from({ length: rng.int(4) }, () => rng.pick(POOL));
}

/** A random op; `etags` are etags seen lately, so preconditions sometimes hold. */
function randomOp(rng: Rng, model: NamespaceModel, etags: string[], now: number): FsOp {
  const uploads = [...model.uploads.keys()];
  const upload = uploads.length > 0 && rng.chance(0.9) ? rng.pick(uploads) : `u${rng.int(50)}`;
  const ifMatch = (): { ifMatch?: string } =>
    rng.chance(0.3)
      ? { ifMatch: etags.length > 0 && rng.chance(0.7) ? rng.pick(etags) : "zz" }
      : {};
  switch (rng.int(14)) {
    case 0:
      return { kind: "mkdir", path: randomPath(rng), parents: rng.chance(0.6) };
    case 1:
    case 2:
      return { kind: "stat", path: randomPath(rng) };
    case 3: {
      const cursor = rng.chance(0.3) ? { cursor: rng.pick(NAMES) } : {};
      return { kind: "list", path: randomPath(rng), limit: rng.range(1, 4), ...cursor };
    }
    case 4: {
      // Half the time, move an existing directory somewhere (often beneath itself).
      const dirs = [...model.nodes].filter(([p, n]) => n.type === "dir" && p !== "/");
      const from = dirs.length > 0 && rng.chance(0.5) ? rng.pick(dirs)[0] : randomPath(rng);
      return { kind: "rename", from, to: randomPath(rng), ...ifMatch() };
    }
    case 5:
      return { kind: "delete", path: randomPath(rng), recursive: rng.chance(0.5), ...ifMatch() };
    case 6:
    case 7: {
      const path = randomPath(rng).replace(/\/$/, "") || "/a";
      return {
        kind: "beginUpload",
        id: `u${rng.int(50)}`,
        path,
        expiresAt: now + rng.range(500, 20_000),
      };
    }
    case 8:
    case 9: {
      const chunks = randomChunks(rng);
      const size = chunks.reduce((s, c) => s + c.size, 0);
      const target = model.uploads.get(upload)?.path ?? randomPath(rng).replace(/\/$/, "");
      const path = rng.chance(0.9) && target !== "" && target !== "/" ? target : "/a";
      const pre = rng.chance(0.2) ? { ifNoneMatch: "*" as const } : ifMatch();
      return { kind: "commit", path, upload, size, sha256: sha(`c${now}`), chunks, ...pre };
    }
    case 10: {
      const chunks = randomChunks(rng);
      const size = chunks.reduce((s, c) => s + c.size, 0);
      return { kind: "putPart", id: upload, part: rng.range(1, 3), size, chunks };
    }
    case 11:
      return {
        kind: "completeUpload",
        id: upload,
        ...(rng.chance(0.5) ? { sha256: sha(`m${now}`) } : {}),
        ...(rng.chance(0.2) ? { size: rng.int(3000) } : {}),
        ...(rng.chance(0.2) ? { ifNoneMatch: "*" as const } : ifMatch()),
      };
    case 12:
      return rng.chance(0.5) ? { kind: "abortUpload", id: upload } : { kind: "expireUploads" };
    default:
      return { kind: "volumeInfo" };
  }
}

/** What the namespace answers, in the model's terms. */
function answer(result: FsResult): ModelAnswer {
  return result.ok ? (result as ModelAnswer) : { ok: false, kind: result.problem.kind };
}

/** Every node of the default volume with its stat, found through `list` and `stat` alone. */
function walk(ns: FsNamespace, now: number): [string, NodeStat][] {
  const out: [string, NodeStat][] = [];
  const visit = (path: string): void => {
    const stat = ns.apply({ type: "fs", volume: "default", now, op: { kind: "stat", path } }, 0);
    if (!stat.ok || stat.op !== "stat") throw new Error(`walk: stat ${path} failed`);
    out.push([path, stat.stat]);
    if (stat.stat.type !== "dir") return;
    let cursor: string | undefined;
    for (;;) {
      const op: FsOp = { kind: "list", path, limit: 4, ...(cursor ? { cursor } : {}) };
      const list = ns.apply({ type: "fs", volume: "default", now, op }, 0);
      if (!list.ok || list.op !== "list") throw new Error(`walk: list ${path} failed`);
      for (const e of list.entries) visit(path === "/" ? `/${e.name}` : `${path}/${e.name}`);
      if (list.cursor === null) break;
      cursor = list.cursor;
    }
  };
  visit("/");
  return out;
}

/** `expect(...).toEqual` only when a cheap canonical comparison differs (it is slow). */
function same(got: unknown, want: unknown, where: string): void {
  const text = (v: unknown) =>
    v instanceof Uint8Array ? new TextDecoder().decode(v) : canonicalJson(v);
  if (text(got) !== text(want)) expect(got, where).toEqual(want);
}

const READS = new Set(["stat", "list", "volumeInfo"]);

describe("the namespace matches a brute-force model", () => {
  it(`agrees on every result and the whole tree, over ${SEEDS} seeds × ${OPS} ops`, () => {
    const counts = { ok: 0, failed: 0, restores: 0, renamedDirs: 0, recursiveDeletes: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = new Rng(seed);
      let ns = new FsNamespace();
      const model = new NamespaceModel();
      const etags: string[] = [];
      let now = 1_000;
      const restoreAt = rng.int(OPS);
      for (let step = 0; step < OPS; step++) {
        now += rng.int(1500);
        const op = randomOp(rng, model, etags, now);
        const before = ns.snapshot();
        const got = ns.apply({ type: "fs", volume: "default", now, op }, step + 1);
        const want = model.apply(op, now);
        const where = `seed ${seed} step ${step} ${JSON.stringify(op)}`;
        same(answer(got), want, where);
        if (!got.ok || READS.has(op.kind)) {
          same(ns.snapshot(), before, `${where}: a failed op or a read changed the state`);
        }
        if (got.ok) {
          counts.ok++;
          if (got.op === "stat") etags.push(got.stat.etag);
          if (got.op === "list") etags.push(...got.entries.map((e) => e.etag));
          if (got.op === "rename" && got.revision > 0 && op.kind === "rename") {
            if (model.nodes.get(got.to)?.type === "dir" && got.from !== got.to)
              counts.renamedDirs++;
          }
          if (got.op === "delete" && got.dirs > 0) counts.recursiveDeletes++;
        } else counts.failed++;
        if (etags.length > 8) etags.splice(0, etags.length - 8);
        same(walk(ns, now), model.dump(), `${where}: the tree`);
        if (step === restoreAt) {
          const snapshot = ns.snapshot();
          const restored = new FsNamespace();
          restored.restore(snapshot);
          expect(restored.snapshot()).toEqual(snapshot);
          ns = restored;
          counts.restores++;
        }
      }
    }
    // The run exercised what it claims to.
    expect(counts.restores).toBe(SEEDS);
    expect(counts.renamedDirs).toBeGreaterThan(50);
    expect(counts.recursiveDeletes).toBeGreaterThan(50);
    expect(counts.failed).toBeGreaterThan(1000);
    expect(counts.ok).toBeGreaterThan(1000);
  });
});
