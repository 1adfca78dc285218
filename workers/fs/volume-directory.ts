/**
 * Where a volume lives: the consensus group that holds its namespace and the ring that
 * holds its chunks. The default group's namespace is the directory of every volume (a
 * volume over another group is recorded there too, naming that group); `default` exists
 * without being created. Which group and ring a volume uses never changes, so the gateway
 * caches the answer per isolate for good.
 */
import { DEFAULT_GROUP } from "../../shared/consensus/group-config";
import { DEFAULT_RING, DEFAULT_VOLUME } from "../../shared/fs/limits";
import type { VolumeRecord } from "../../shared/fs/types";
import { ProblemError } from "../gateway/problem";
import { fsCall } from "./namespace-calls";

/** A volume's name, group and ring. */
export interface VolumeRef {
  name: string;
  group: string;
  ring: string;
}

/** The group whose namespace records every volume. */
export const DIRECTORY_GROUP = DEFAULT_GROUP.name;

const known = new Map<string, VolumeRef>([
  [DEFAULT_VOLUME, { name: DEFAULT_VOLUME, group: DIRECTORY_GROUP, ring: DEFAULT_RING }],
]);

/** The volume named `name`; 404 when there is none. */
export async function resolveVolume(env: Env, name: string): Promise<VolumeRef> {
  const cached = known.get(name);
  if (cached) return cached;
  const info = await fsCall(env, DIRECTORY_GROUP, name, { kind: "volumeInfo" }, { write: false });
  const ref = { name, group: info.group, ring: info.ring };
  known.set(name, ref);
  return ref;
}

/**
 * Creates a volume over `group` and `ring`: in the directory first — which refuses a ring
 * that already serves another group's volumes, since a sweep of a ring knows one group's
 * references only — then in that group's namespace. A second create of the same volume
 * is a conflict; one that finds only the directory's record (a create cut off between the
 * two steps) completes it.
 */
export async function createVolume(env: Env, ref: VolumeRef): Promise<VolumeRef> {
  const op = { kind: "createVolume" as const, ring: ref.ring, group: ref.group };
  const fieldOf = (field: string) => (field === "volume" ? "body.name" : `body.${field.slice(3)}`);
  try {
    await fsCall(env, DIRECTORY_GROUP, ref.name, op, { write: true, fieldOf });
  } catch (error) {
    if (ref.group === DIRECTORY_GROUP || !(await halfCreated(env, ref, error))) throw error;
  }
  if (ref.group !== DIRECTORY_GROUP) {
    await fsCall(env, ref.group, ref.name, op, { write: true, fieldOf });
  }
  known.set(ref.name, ref);
  return ref;
}

/** Every volume the directory records, by name. */
export async function listVolumes(env: Env): Promise<VolumeRecord[]> {
  const listed = await fsCall(
    env,
    DIRECTORY_GROUP,
    DEFAULT_VOLUME,
    { kind: "listVolumes" },
    {
      write: false,
    },
  );
  return listed.volumes;
}

/**
 * Deletes an empty volume: in its own group first — which refuses while a file or an open
 * upload is there — then in the directory. A delete cut off between the two steps leaves
 * the directory's record over a group that no longer has the volume; a second delete
 * finds it gone there and completes. The name stays bound to its group and ring, so the
 * cache of any isolate stays right.
 */
export async function deleteVolume(env: Env, ref: VolumeRef): Promise<void> {
  const op = { kind: "deleteVolume" as const };
  if (ref.group !== DIRECTORY_GROUP) {
    try {
      await fsCall(env, ref.group, ref.name, op, { write: true });
    } catch (error) {
      if (!(error instanceof ProblemError) || error.kind !== "not-found") throw error;
    }
  }
  await fsCall(env, DIRECTORY_GROUP, ref.name, op, { write: true });
  known.delete(ref.name);
}

/** Whether `error` refused a create that the directory holds as asked and the group lacks. */
async function halfCreated(env: Env, ref: VolumeRef, error: unknown): Promise<boolean> {
  if (!(error instanceof ProblemError) || error.kind !== "conflict") return false;
  const read = (group: string) =>
    fsCall(env, group, ref.name, { kind: "volumeInfo" }, { write: false }).catch(() => null);
  const recorded = await read(DIRECTORY_GROUP);
  if (!recorded || recorded.ring !== ref.ring || recorded.group !== ref.group) return false;
  return (await read(ref.group)) === null;
}
