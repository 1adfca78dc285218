/**
 * Entry of the scheduler's WebAssembly kernels (AssemblyScript, compiled by
 * `npm run build:wasm` to build/sched.wasm). They are the numeric loops of a placement,
 * compiled ahead of time so that the first request in a fresh isolate already runs them
 * at full speed, instead of in V8's interpreter while its JIT warms up (which made a
 * cold placement several times dearer than a warm one). JavaScript reaches them through
 * shared/sched/wasm/.
 */

export {
  balanceJobs,
  balanceMoveTableTrace,
  balanceRelaxPrices,
  balanceShadowPrices,
  balanceSiteOrder,
} from "./balance/kernels";
export { chooseSites } from "./choose-sites";
export { expAll } from "./exp";
export { newFloat64Array, newInt32Array, resetHeap } from "./heap";
export {
  kmeansCandidateGains,
  kmeansCentroidsFromSums,
  kmeansFit,
  kmeansPartialSums,
  kmeansRun,
  kmeansSeed,
} from "./kmeans/kernels";
export { siteCosts } from "./site-costs";
