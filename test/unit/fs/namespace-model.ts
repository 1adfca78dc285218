/**
 * A brute-force model of one volume's namespace and upload intents: a flat map from path
 * to node, every question answered by scanning it. It says what `FsNamespace` must answer,
 * written as differently as possible (no tree, no reference counts).
 */
import type { ChunkRef, FsOp, NodeStat } from "../../../shared/fs/index";
import { parsePath } from "../../../shared/fs/index";
import type { DirFields, FileNode } from "../../../shared/fs/tree";

/** A file or a directory, with the fields `FsNamespace`'s tree nodes keep (no entries). */
type ModelNode = FileNode | DirFields;

interface ModelUpload {
  id: string;
  path: string;
  openedAt: number;
  expiresAt: number;
  parts: Map<number, { size: number; chunks: ChunkRef[] }>;
}

/** A model answer: a success as `FsNamespace` would give it, or just the problem kind. */
export type ModelAnswer = { ok: true; [key: string]: unknown } | { ok: false; kind: string };

const encoder = new TextEncoder();

export function byteOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut === 0 ? "/" : path.slice(0, cut);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Proper ancestors, root first. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p !== "/"; ) {
    p = parentOf(p);
    out.unshift(p);
  }
  return out;
}

function under(path: string, dir: string): boolean {
  return dir === "/" ? path !== "/" : path.startsWith(`${dir}/`);
}

const fail = (kind: string): ModelAnswer => ({ ok: false, kind });

export class NamespaceModel {
  nodes = new Map<string, ModelNode>([["/", { type: "dir", mtime: 0, version: 1, revision: 0 }]]);
  uploads = new Map<string, ModelUpload>();
  revision = 0;

  apply(op: FsOp, now: number): ModelAnswer {
    switch (op.kind) {
      case "stat": {
        const p = parse(op.path);
        const node = this.nodes.get(p.path);
        if (!node) return fail("not-found");
        if (p.directory && node.type === "file") return fail("conflict");
        return { ok: true, op: "stat", path: p.path, stat: this.stat(p.path) };
      }
      case "list": {
        const p = parse(op.path);
        const node = this.nodes.get(p.path);
        if (!node) return fail("not-found");
        if (node.type === "file") return fail("conflict");
        const names = this.children(p.path)
          .map(nameOf)
          .filter((n) => op.cursor === undefined || byteOrder(n, op.cursor) > 0);
        const page = names.slice(0, op.limit);
        const entries = page.map((name) => {
          const child = p.path === "/" ? `/${name}` : `${p.path}/${name}`;
          const stat = this.stat(child);
          return {
            name,
            type: stat.type,
            size: stat.type === "file" ? stat.size : 0,
            mtime: stat.mtime,
            etag: stat.etag,
          };
        });
        const more = names.length > op.limit;
        return {
          ok: true,
          op: "list",
          path: p.path,
          entries,
          cursor: more ? (page[page.length - 1] as string) : null,
        };
      }
      case "mkdir": {
        const p = parse(op.path);
        if (this.fileAbove(p.path)) return fail("conflict");
        const node = this.nodes.get(p.path);
        if (node) {
          if (node.type === "dir" && op.parents) {
            return { ok: true, op: "mkdir", path: p.path, created: [], revision: this.revision };
          }
          return fail("conflict");
        }
        const missing = ancestors(p.path).filter((a) => !this.nodes.has(a));
        if (missing.length > 0 && !op.parents) return fail("not-found");
        this.revision++;
        const created = [...missing, p.path];
        this.touch(parentOf(created[0] as string), now);
        for (const dir of created) {
          this.nodes.set(dir, { type: "dir", mtime: now, version: 1, revision: this.revision });
        }
        return { ok: true, op: "mkdir", path: p.path, created, revision: this.revision };
      }
      case "delete": {
        const p = parse(op.path);
        if (p.path === "/") return fail("validation-failed");
        const node = this.nodes.get(p.path);
        if (!node) return fail("not-found");
        if (p.directory && node.type === "file") return fail("conflict");
        if (op.ifMatch !== undefined && this.stat(p.path).etag !== op.ifMatch) {
          return fail("precondition-failed");
        }
        const gone = [...this.nodes.keys()].filter((k) => k === p.path || under(k, p.path));
        if (gone.length > 1 && !op.recursive) return fail("conflict");
        this.revision++;
        let files = 0;
        let dirs = 0;
        for (const k of gone) {
          if (this.nodes.get(k)?.type === "file") files++;
          else dirs++;
          this.nodes.delete(k);
        }
        this.touch(parentOf(p.path), now);
        return { ok: true, op: "delete", path: p.path, files, dirs, revision: this.revision };
      }
      case "rename":
        return this.rename(op, now);
      case "beginUpload": {
        const p = parse(op.path);
        if (this.uploads.has(op.id)) return fail("conflict");
        if (this.fileAbove(p.path) || this.nodes.get(p.path)?.type === "dir") {
          return fail("conflict");
        }
        const upload = { id: op.id, path: p.path, openedAt: now, expiresAt: op.expiresAt };
        this.uploads.set(op.id, { ...upload, parts: new Map() });
        return { ok: true, op: "beginUpload", ...upload, parts: [] };
      }
      case "putPart": {
        const upload = this.uploads.get(op.id);
        if (!upload || upload.expiresAt <= now) return fail("not-found");
        upload.parts.set(op.part, { size: op.size, chunks: op.chunks });
        const parts = upload.parts.size;
        return { ok: true, op: "putPart", id: op.id, part: op.part, size: op.size, parts };
      }
      case "commit": {
        const upload = this.uploads.get(op.upload);
        if (!upload || upload.expiresAt <= now) return fail("not-found");
        if (parse(op.path).path !== upload.path) return fail("validation-failed");
        if (upload.parts.size > 0) return fail("conflict");
        return this.write(upload, "commit", op.size, op.sha256 ?? null, op.chunks, op, now);
      }
      case "completeUpload": {
        const upload = this.uploads.get(op.id);
        if (!upload || upload.expiresAt <= now) return fail("not-found");
        if (upload.parts.size === 0) return fail("validation-failed");
        const numbers = [...upload.parts.keys()].sort((a, b) => a - b);
        const chunks = numbers.flatMap((n) => upload.parts.get(n)?.chunks ?? []);
        const size = chunks.reduce((s, c) => s + c.size, 0);
        if (op.size !== undefined && op.size !== size) return fail("validation-failed");
        return this.write(upload, "completeUpload", size, op.sha256 ?? null, chunks, op, now);
      }
      case "abortUpload":
        if (!this.uploads.delete(op.id)) return fail("not-found");
        return { ok: true, op: "abortUpload", id: op.id };
      case "expireUploads": {
        const expired = [...this.uploads.values()]
          .filter((u) => u.expiresAt <= now)
          .map((u) => u.id)
          .sort();
        for (const id of expired) this.uploads.delete(id);
        return { ok: true, op: "expireUploads", expired };
      }
      case "volumeInfo": {
        const nodes = [...this.nodes.values()];
        const files = nodes.filter((n) => n.type === "file");
        const distinct = new Map<string, number>();
        for (const f of files) for (const c of f.chunks) distinct.set(c.hash, c.size);
        const bytes = files.reduce((s, f) => s + f.size, 0);
        const physicalBytes = [...distinct.values()].reduce((s, n) => s + n, 0);
        return {
          ok: true,
          op: "volumeInfo",
          volume: "default",
          group: "default",
          ring: "default",
          revision: this.revision,
          files: files.length,
          dirs: nodes.length - files.length,
          bytes,
          chunks: distinct.size,
          physicalBytes,
          dedupRatio: physicalBytes === 0 ? 1 : bytes / physicalBytes,
          openUploads: this.uploads.size,
        };
      }
      default:
        throw new Error(`the model does not do ${op.kind}`);
    }
  }

  /** Every node with its stat, in path order: what a full walk of the namespace shows. */
  dump(): [string, NodeStat][] {
    return [...this.nodes.keys()].sort(byteOrder).map((p) => [p, this.stat(p)]);
  }

  stat(path: string): NodeStat {
    const node = this.nodes.get(path) as ModelNode;
    if (node.type === "dir") {
      const { mtime, version, revision } = node;
      const entries = this.children(path).length;
      return { type: "dir", mtime, version, revision, etag: `d-${revision}`, entries };
    }
    const prefix = node.sha256 === null ? "m" : node.sha256.slice(0, 16);
    return { ...node, etag: `${prefix}-${node.revision}`, chunks: [...node.chunks] };
  }

  private rename(op: Extract<FsOp, { kind: "rename" }>, now: number): ModelAnswer {
    const from = parse(op.from);
    const to = parse(op.to);
    if (from.path === "/" || to.path === "/") return fail("validation-failed");
    const node = this.nodes.get(from.path);
    if (!node) return fail("not-found");
    if (from.directory && node.type === "file") return fail("conflict");
    if (op.ifMatch !== undefined && this.stat(from.path).etag !== op.ifMatch) {
      return fail("precondition-failed");
    }
    if (to.directory && node.type === "file") return fail("conflict");
    if (from.path === to.path) {
      const { path } = from;
      return {
        ok: true,
        op: "rename",
        from: path,
        to: path,
        replaced: false,
        revision: this.revision,
      };
    }
    if (node.type === "dir" && under(to.path, from.path)) return fail("validation-failed");
    if (this.fileAbove(to.path)) return fail("conflict");
    const occupant = this.nodes.get(to.path);
    if (occupant) {
      if (occupant.type !== node.type) return fail("conflict");
      if (occupant.type === "dir" && this.children(to.path).length > 0) return fail("conflict");
    } else if (!this.nodes.has(parentOf(to.path))) return fail("not-found");
    this.revision++;
    this.nodes.delete(to.path);
    for (const k of [...this.nodes.keys()]) {
      if (k === from.path || under(k, from.path)) {
        const moved = this.nodes.get(k) as ModelNode;
        this.nodes.delete(k);
        this.nodes.set(to.path + k.slice(from.path.length), moved);
      }
    }
    this.touch(parentOf(from.path), now);
    if (parentOf(to.path) !== parentOf(from.path)) this.touch(parentOf(to.path), now);
    const replaced = occupant !== undefined;
    return {
      ok: true,
      op: "rename",
      from: from.path,
      to: to.path,
      replaced,
      revision: this.revision,
    };
  }

  private write(
    upload: ModelUpload,
    kind: "commit" | "completeUpload",
    size: number,
    sha256: string | null,
    chunks: ChunkRef[],
    pre: { ifMatch?: string; ifNoneMatch?: "*" },
    now: number,
  ): ModelAnswer {
    const path = upload.path;
    if (this.fileAbove(path)) return fail("conflict");
    const old = this.nodes.get(path);
    if (old?.type === "dir") return fail("conflict");
    if (old && pre.ifNoneMatch === "*") return fail("precondition-failed");
    if (pre.ifMatch !== undefined && (!old || this.stat(path).etag !== pre.ifMatch)) {
      return fail("precondition-failed");
    }
    this.revision++;
    const missing = ancestors(path).filter((a) => !this.nodes.has(a));
    if (missing.length > 0) this.touch(parentOf(missing[0] as string), now);
    else this.touch(parentOf(path), now);
    for (const dir of missing) {
      this.nodes.set(dir, { type: "dir", mtime: now, version: 1, revision: this.revision });
    }
    const version = old?.type === "file" ? old.version + 1 : 1;
    const revision = this.revision;
    this.nodes.set(path, { type: "file", size, mtime: now, sha256, version, revision, chunks });
    this.uploads.delete(upload.id);
    const file = this.stat(path);
    return { ok: true, op: kind, path, file, replaced: old !== undefined, created: missing };
  }

  private children(dir: string): string[] {
    return [...this.nodes.keys()]
      .filter((k) => k !== "/" && parentOf(k) === dir)
      .sort((a, b) => byteOrder(nameOf(a), nameOf(b)));
  }

  private fileAbove(path: string): boolean {
    return ancestors(path).some((a) => this.nodes.get(a)?.type === "file");
  }

  private touch(dir: string, now: number): void {
    const node = this.nodes.get(dir);
    if (node?.type !== "dir") throw new Error(`model: touching ${dir}`);
    node.version++;
    node.mtime = now;
    node.revision = this.revision;
  }
}

function parse(raw: string): { path: string; directory: boolean } {
  const parsed = parsePath(raw);
  if (!parsed.ok) throw new Error(`the model got a bad path ${raw}`);
  return { path: `/${parsed.segments.join("/")}`, directory: parsed.directory };
}
