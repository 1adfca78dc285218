/** Bounds on one placement request, so that a request stays well inside a Worker's CPU budget. */

/** Most jobs in one request. */
export const MAX_JOBS = 10_000;
/** Most sites to choose (k). */
export const MAX_K = 64;
/** Longest job id, in UTF-16 code units. */
export const MAX_JOB_ID_LENGTH = 128;
/** Largest demand of one job, and largest capacity of one site. */
export const MAX_DEMAND = 1_000_000;
/**
 * Most distinct demand values among one request's jobs. With mixed demands the repair
 * works one demand size at a time (cycle cancelling per size, swaps between pairs of
 * sizes), so its work grows with the number of sizes: 3,000 jobs of all-different
 * fractional demands took minutes. 32 sizes keep 10,000 jobs on 64 sites near 1.5 s
 * (measured in Node), and the jobs of a request rarely need finer grades of work.
 */
export const MAX_DEMAND_SIZES = 32;
/** Most entries in an explicit list of candidate sites (the catalog has fewer colos). */
export const MAX_SITE_LIST = 512;
/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;
