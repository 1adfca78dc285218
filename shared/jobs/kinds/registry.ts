/**
 * The job kinds this build runs. To add a kind: write a `JobKind` (see `job-kind.ts`) in
 * a file of this folder — `parse` that rejects bad input with `JobInputError`, an async
 * `run`, and for data-parallel work a pure `partial(share, params)` used through
 * `context.shard` — then add it to `JOB_KINDS` below. The gateway validates submissions
 * against the kind's `parse`, and executors look kinds up here by name.
 */
import type { JobKind } from "./job-kind";
import { kmeansKind } from "./kmeans";
import { linregKind } from "./linreg";
import { sha256Kind } from "./sha256";
import { wordcountKind } from "./wordcount";

/** Every registered kind by name. */
export const JOB_KINDS: ReadonlyMap<string, JobKind> = new Map(
  ([sha256Kind, wordcountKind, kmeansKind, linregKind] as JobKind[]).map((kind) => [
    kind.name,
    kind,
  ]),
);

/** The kind called `name`, or undefined. */
export function jobKind(name: string): JobKind | undefined {
  return JOB_KINDS.get(name);
}
