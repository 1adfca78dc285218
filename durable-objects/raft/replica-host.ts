/**
 * The ports a replica Durable Object gives the shared `ConsensusHost`: its SQLite log,
 * its RPC transport, the DO alarm and the wall clock, with the production tuning.
 */
import { engineOf } from "../../shared/consensus/group-config";
import { ConsensusHost } from "../../shared/consensus/host/consensus-host";
import { PRODUCTION_TUNING } from "../../shared/consensus/host/tuning";
import type { GroupApp, GroupCommand, GroupResult } from "../../shared/group/group-app";
import { Rng } from "../../shared/rng";
import type { ReplicaTransport } from "./replica-transport";
import type { LoadedState, SqliteRaftLog } from "./sqlite-raft-log";

export interface HostWiring {
  ctx: DurableObjectState;
  log: SqliteRaftLog;
  transport: ReplicaTransport;
  loaded: LoadedState;
  /** The alarm as loaded at start (null: none). */
  alarmAt: number | null;
  app: GroupApp;
  /** Called once each time the group goes quiet. */
  onQuiet: () => void;
}

/** A host for the replica whose durable state is `wiring.loaded`. */
export function startHost(wiring: HostWiring): ConsensusHost<GroupCommand, GroupResult> {
  const { ctx, loaded } = wiring;
  return new ConsensusHost({
    id: loaded.identity.id,
    engine: engineOf(loaded.identity.config),
    loaded,
    log: wiring.log,
    transport: wiring.transport,
    clock: {
      now: () => Date.now(),
      after: (ms, run) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    },
    alarm: {
      set: (at) => void ctx.storage.setAlarm(at),
      clear: () => {
        wiring.onQuiet();
        void ctx.storage.deleteAlarm();
      },
    },
    alarmAt: wiring.alarmAt,
    events: { failed: (reason) => ctx.abort(reason) },
    app: wiring.app,
    tuning: {
      ...PRODUCTION_TUNING,
      snapshotEvery: loaded.identity.config.snapshotEvery ?? PRODUCTION_TUNING.snapshotEvery,
    },
    rng: new Rng(crypto.getRandomValues(new Uint32Array(1))[0] as number),
    incarnation: crypto.randomUUID(),
  });
}
