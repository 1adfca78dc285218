/**
 * What a consensus host needs from the application it replicates: the deterministic
 * state machine, and the leader-side decisions that depend on time (which the state
 * machine itself may not read). The KV and the simulator's register store each provide
 * one; commands must survive a JSON round trip, the host's log encoding.
 */
import type { StateMachine } from "../state-machine";

export interface ReplicatedApp<Command, Result> {
  readonly machine: StateMachine<Command, Result>;
  /** The command as the leader proposes it at time `now` (a lease's clock is the leader's). */
  stamp?(command: Command, now: number): Command;
  /** Work the leader proposes by itself at `now` (lease expiry), if any is due. */
  dueWork?(now: number): Command | undefined;
  /** When `dueWork` next has something to do (null: never, as things stand). */
  nextDeadline?(): number | null;
}
