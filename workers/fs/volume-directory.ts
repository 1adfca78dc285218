/**
 * Where a volume lives: the consensus group that holds its namespace and the ring that
 * holds its chunks. The default group's namespace is the directory of every volume (a
 * volume over another group is recorded there too, naming that group); `default` exists
 * without being created. Which group and ring a volume uses never changes, so the gateway
 * caches the answer per isolate for good.
 */
import { DEFAULT_GROUP } from "../../shared/consensus/group-config";
import { DEFAULT_RING, DEFAULT_VOLUME } from "../../shared/fs/limits";
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
 * Creates a volume over `group` and `ring`: in that group's namespace first, then in the
 * directory, so a volume is findable only once it exists. A retry after a failure between
 * the two finds the first step done (the same ring) and completes the second.
 */
export async function createVolume(env: Env, ref: VolumeRef): Promise<VolumeRef> {
  const op = { kind: "createVolume" as const, ring: ref.ring, group: ref.group };
  const fieldOf = (field: string) => (field === "volume" ? "body.name" : `body.${field.slice(3)}`);
  if (ref.group !== DIRECTORY_GROUP) {
    try {
      await fsCall(env, ref.group, ref.name, op, { write: true, fieldOf });
    } catch (error) {
      if (!(error instanceof ProblemError) || error.kind !== "conflict") throw error;
      const there = await fsCall(
        env,
        ref.group,
        ref.name,
        { kind: "volumeInfo" },
        { write: false },
      );
      if (there.ring !== ref.ring) throw error;
    }
  }
  await fsCall(env, DIRECTORY_GROUP, ref.name, op, { write: true, fieldOf });
  known.set(ref.name, ref);
  return ref;
}
