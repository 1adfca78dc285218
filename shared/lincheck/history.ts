/**
 * The client-history format shared by the simulator, the end-to-end fault tests and the
 * linearizability checker. One event per line when written to disk (JSON Lines), so that
 * tools outside the project can check the same file.
 */

/** The register operations a client can perform on one key. */
export type OpName = "read" | "write" | "cas";

/**
 * `invoke` starts an operation; `ok` and `fail` complete it with a known outcome; `info`
 * completes it with an unknown outcome (it may or may not have taken effect).
 */
export type EventType = "invoke" | "ok" | "fail" | "info";

/** A register value; `null` means the key is absent. */
export type RegisterValue = string | number | null;

/**
 * One history event. `value` depends on `f` and `type`:
 * - `write`: the value written (on invoke and on completion);
 * - `cas`: `[expected, new]`;
 * - `read`: `null` on invoke; on `ok`, the value read (`null` when absent).
 */
export interface HistoryEvent {
  process: number;
  type: EventType;
  f: OpName;
  key: string;
  value: RegisterValue | [RegisterValue, RegisterValue];
  time: number;
}

/** Serialises a history as JSON Lines. */
export function toJsonLines(history: readonly HistoryEvent[]): string {
  return history.map((event) => JSON.stringify(event)).join("\n") + (history.length ? "\n" : "");
}

/** Parses JSON Lines into history events, skipping blank lines. */
export function fromJsonLines(text: string): HistoryEvent[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as HistoryEvent);
}
