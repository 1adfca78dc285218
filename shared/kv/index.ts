/** The replicated KV state machine (etcd's model), its commands, results and bounds. */

export { type KeySelection, prefixEnd } from "./key-range";
export * from "./limits";
export { type EventsResult, KvStateMachine } from "./state-machine";
export * from "./types";
export { validateCommand } from "./validate";
