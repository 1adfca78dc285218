/** Bounds on one placement request, so that a request stays well inside a Worker's CPU budget. */

/** Most jobs in one request. */
export const MAX_JOBS = 10_000;
/** Most sites to choose (k). */
export const MAX_K = 64;
/** Longest job id, in UTF-16 code units. */
export const MAX_JOB_ID_LENGTH = 128;
/** Largest demand of one job, and largest capacity of one site. */
export const MAX_DEMAND = 1_000_000;
/** Most entries in an explicit list of candidate sites (the catalog has fewer colos). */
export const MAX_SITE_LIST = 512;
/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;
