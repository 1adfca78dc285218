/**
 * What a consensus group replicates: the KV and the file-system namespace, side by side in
 * one log. A command goes to the FS when its `type` is `"fs"` and to the KV otherwise (the
 * KV's command types never are `"fs"`); each keeps its own state, and a snapshot holds both.
 * Time-dependent leader work (lease expiry, upload expiry) comes from whichever has some due.
 */
import type { ReplicatedApp } from "../consensus/host/replicated-app";
import type { StateMachine } from "../consensus/state-machine";
import { FsApp } from "../fs/fs-app";
import type { FsCommand, FsResult } from "../fs/types";
import type { KvCommand, KvResult } from "../kv";
import { KvApp } from "../kv/kv-app";

export type GroupCommand = KvCommand | FsCommand;
export type GroupResult = KvResult | FsResult;

/** Whether `command` is the file system's. */
export function isFsCommand(command: GroupCommand): command is FsCommand {
  return command.type === "fs";
}

/** Whether `result` is an FS result (FS results carry `ok`; KV results carry `kind`). */
export function isFsResult(result: GroupResult): result is FsResult {
  return "ok" in result;
}

/** First bytes of a group snapshot; a snapshot without them is a KV snapshot from before. */
const MAGIC = new TextEncoder().encode("EGS1");

export class GroupApp implements ReplicatedApp<GroupCommand, GroupResult> {
  readonly kv = new KvApp();
  readonly fs = new FsApp();
  readonly machine: StateMachine<GroupCommand, GroupResult> = {
    apply: (command, index) =>
      isFsCommand(command)
        ? this.fs.machine.apply(command, index)
        : this.kv.machine.apply(command, index),
    snapshot: () => frame(this.kv.machine.snapshot(), this.fs.machine.snapshot()),
    restore: (snapshot) => {
      const parts = unframe(snapshot);
      this.kv.machine.restore(parts.kv);
      if (parts.fs) this.fs.machine.restore(parts.fs);
      else this.fs.reset();
    },
  };

  stamp(command: GroupCommand, now: number): GroupCommand {
    return isFsCommand(command) ? this.fs.stamp(command, now) : this.kv.stamp(command, now);
  }

  dueWork(now: number): GroupCommand | undefined {
    return this.kv.dueWork(now) ?? this.fs.dueWork(now);
  }

  nextDeadline(): number | null {
    const deadlines = [this.kv.nextDeadline(), this.fs.nextDeadline()].filter(
      (d): d is number => d !== null,
    );
    return deadlines.length > 0 ? Math.min(...deadlines) : null;
  }
}

/** `MAGIC`, the KV part's length (4 bytes, big-endian), the KV part, the FS part. */
function frame(kv: Uint8Array, fs: Uint8Array): Uint8Array {
  const out = new Uint8Array(MAGIC.length + 4 + kv.length + fs.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, kv.length);
  out.set(kv, MAGIC.length + 4);
  out.set(fs, MAGIC.length + 4 + kv.length);
  return out;
}

function unframe(snapshot: Uint8Array): { kv: Uint8Array; fs: Uint8Array | null } {
  const framed = MAGIC.every((byte, i) => snapshot[i] === byte);
  if (!framed) return { kv: snapshot, fs: null };
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const kvLength = view.getUint32(MAGIC.length);
  const kvStart = MAGIC.length + 4;
  return {
    kv: snapshot.subarray(kvStart, kvStart + kvLength),
    fs: snapshot.subarray(kvStart + kvLength),
  };
}
