/**
 * The KV as a consensus host replicates it: the state machine, plus the leader's
 * time-dependent decisions — a lease's clock is the leader's (whatever `now` a caller
 * sent is replaced when the leader proposes), and the leader proposes the expiry of due
 * leases by itself.
 */
import type { ReplicatedApp } from "../consensus/host/replicated-app";
import { KvStateMachine } from "./state-machine";
import type { KvCommand, KvResult } from "./types";

export class KvApp implements ReplicatedApp<KvCommand, KvResult> {
  readonly machine = new KvStateMachine();

  stamp(command: KvCommand, now: number): KvCommand {
    return "now" in command ? { ...command, now } : command;
  }

  dueWork(now: number): KvCommand | undefined {
    return this.machine.expiredLeases(now).length > 0 ? { type: "expireLeases", now } : undefined;
  }

  nextDeadline(): number | null {
    return this.machine.nextLeaseDeadline();
  }
}
