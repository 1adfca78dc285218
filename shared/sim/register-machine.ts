import type { StateMachine } from "../consensus/state-machine";
import type { RegisterValue } from "../lincheck/history";

/**
 * A tiny replicated register store for the simulator: writes and compare-and-swaps on a
 * few keys. Each command carries its client's sequence number and a client's commands
 * apply at most once (a duplicated or retried proposal must not write twice).
 */
export type RegisterCommand =
  | { client: number; seq: number; f: "write"; key: string; value: RegisterValue }
  | {
      client: number;
      seq: number;
      f: "cas";
      key: string;
      expected: RegisterValue;
      value: RegisterValue;
    };

/** `ok` is false for a CAS whose expected value did not match; `duplicate` for a replay. */
export interface RegisterResult {
  ok: boolean;
  duplicate: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommand(cmd: RegisterCommand): Uint8Array {
  return encoder.encode(JSON.stringify(cmd));
}

export function decodeCommand(data: Uint8Array): RegisterCommand {
  return JSON.parse(decoder.decode(data)) as RegisterCommand;
}

export class RegisterMachine implements StateMachine<RegisterCommand, RegisterResult> {
  private values = new Map<string, RegisterValue>();
  /** Highest sequence number applied per client. */
  private lastSeq = new Map<number, number>();

  apply(cmd: RegisterCommand, _index: number): RegisterResult {
    if ((this.lastSeq.get(cmd.client) ?? -1) >= cmd.seq) return { ok: false, duplicate: true };
    this.lastSeq.set(cmd.client, cmd.seq);
    if (cmd.f === "cas" && this.read(cmd.key) !== cmd.expected) {
      return { ok: false, duplicate: false };
    }
    this.values.set(cmd.key, cmd.value);
    return { ok: true, duplicate: false };
  }

  read(key: string): RegisterValue {
    return this.values.get(key) ?? null;
  }

  snapshot(): Uint8Array {
    return encoder.encode(JSON.stringify({ values: [...this.values], lastSeq: [...this.lastSeq] }));
  }

  restore(snapshot: Uint8Array): void {
    const state = JSON.parse(decoder.decode(snapshot)) as {
      values: [string, RegisterValue][];
      lastSeq: [number, number][];
    };
    this.values = new Map(state.values);
    this.lastSeq = new Map(state.lastSeq);
  }
}
