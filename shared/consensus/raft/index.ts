/** The Raft core's public surface: build a `Raft`, wrap it in a `RawNode`, drain Readys. */
export type { ConfChange } from "./conf-change";
export { applyConfChange, decodeConfChange, encodeConfChange } from "./conf-change";
export type { RaftOptions, ReadOnlyMode } from "./options";
export { Raft } from "./raft";
export { RawNode } from "./raw-node";
export type { Refusal, RefusalReason } from "./refusal";
export type { MemberProgress, RaftStatus } from "./status";
export type { Storage } from "./storage";
export { MemoryStorage } from "./storage";
export * from "./types";
