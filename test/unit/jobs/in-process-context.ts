/** A `JobContext` that runs partial steps in this process, for testing kinds alone. */
import type { JobContext, JobKind } from "../../../shared/jobs/kinds/job-kind";

/** Runs `kind.partial` on shares locally and counts the partial calls made. */
export function inProcessContext(
  kind: JobKind,
  parallelism: number,
): JobContext & { calls: number } {
  const context = {
    parallelism,
    calls: 0,
    shard(shares: unknown[]) {
      return {
        size: shares.length,
        map: async (params: unknown) =>
          shares.map((share) => {
            context.calls++;
            return kind.partial?.(structuredClone(share), structuredClone(params));
          }),
      };
    },
  };
  return context;
}
