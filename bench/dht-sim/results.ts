import type { FailureRow, LoadRow, PathLengthRow } from "./chord-experiments";
import type { ChurnRow, ContactRow } from "./kademlia-experiments";

/** What one run of the DHT simulations measured, as the figures and the write-ups read it. */
export interface DhtSimResults {
  /** Whether the run used the reduced sizes of `--quick`. */
  readonly quick: boolean;
  readonly paths: readonly PathLengthRow[];
  readonly loads: readonly LoadRow[];
  readonly failures: readonly FailureRow[];
  readonly contacts: readonly ContactRow[];
  readonly churnRows: readonly ChurnRow[];
  /** Wall seconds each experiment took. */
  readonly seconds: {
    readonly paths: number;
    readonly loads: number;
    readonly failures: number;
    readonly contacts: number;
    readonly churn: number;
  };
}
