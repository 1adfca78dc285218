import {
  type ChunkRef,
  FsNamespace,
  type FsOp,
  type FsOpKind,
  type FsResult,
  type FsSuccessOf,
} from "../../../shared/fs/index";

/** A namespace fed at consecutive log indices with a clock the test moves. */
export class FsHarness {
  ns = new FsNamespace();
  now = 1_000;
  private index = 0;
  private uploads = 0;

  run(op: FsOp, volume = "default"): FsResult {
    return this.ns.apply({ type: "fs", volume, now: this.now, op }, ++this.index);
  }

  /** Runs an op that must succeed, narrowed to its result. */
  ok<K extends FsOpKind>(op: FsOp & { kind: K }, volume = "default"): FsSuccessOf<K> {
    const result = this.run(op, volume);
    if (!result.ok) throw new Error(`${op.kind} failed: ${JSON.stringify(result.problem)}`);
    return result as FsSuccessOf<K>;
  }

  /** The problem kind an op answers, or "ok". */
  kind(op: FsOp, volume = "default"): string {
    const result = this.run(op, volume);
    return result.ok ? "ok" : result.problem.kind;
  }

  /** Opens an intent and commits `chunks` at `path` through it. */
  put(path: string, chunks: ChunkRef[] = [], extra: { ifMatch?: string; ifNoneMatch?: "*" } = {}) {
    const id = `u${++this.uploads}`;
    const begun = this.run({ kind: "beginUpload", id, path, expiresAt: this.now + 60_000 });
    if (!begun.ok) return begun;
    return this.run({
      kind: "commit",
      path,
      upload: id,
      size: chunks.reduce((n, c) => n + c.size, 0),
      sha256: sha(`file ${path} ${this.index}`),
      chunks,
      ...extra,
    });
  }

  state(): string {
    return new TextDecoder().decode(this.ns.snapshot());
  }
}

/** A deterministic 64-hex "digest" of a label (not SHA-256; the namespace never hashes). */
export function sha(label: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ round, 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

export function chunk(label: string, size = 100): ChunkRef {
  return { hash: sha(`chunk ${label}`), size };
}
