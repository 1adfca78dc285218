/** The file system's namespace state machine, its commands, results, path rules and bounds. */
export { planSweep } from "./gc-sweeps";
export * from "./limits";
export { FsNamespace } from "./namespace";
export {
  compareNames,
  formatPath,
  isValidSegment,
  type ParsedPath,
  type PathProblem,
  type PathRule,
  parsePath,
} from "./paths";
export { canonicalJson, FS_SNAPSHOT_FORMAT } from "./snapshot-codec";
export * from "./types";
export { isSha256, isValidName, validateFsCommand } from "./validate";
