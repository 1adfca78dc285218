/**
 * The ports a replica Durable Object gives the shared `ConsensusHost`: its SQLite log,
 * its RPC transport (peers reached by DO RPC with their location hints), the DO alarm and
 * the wall clock, with the production tuning and the group's engine.
 */
import {
  type GroupConfig,
  replicaLocation,
  replicaName,
} from "../../shared/consensus/group-config";
import { ConsensusHost } from "../../shared/consensus/host/consensus-host";
import { engineOf } from "../../shared/consensus/host/engine";
import { PRODUCTION_TUNING } from "../../shared/consensus/host/tuning";
import { GroupApp, type GroupCommand, type GroupResult } from "../../shared/group/group-app";
import { Rng } from "../../shared/rng";
import type { PeerEndpoint, ReplicaTransport } from "./replica-transport";
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

/** A replica that belongs to a group: its configuration, its host and what it replicates. */
export interface Member {
  config: GroupConfig;
  host: ConsensusHost<GroupCommand, GroupResult>;
  app: GroupApp;
}

/** Starts the member whose durable state `wiring.log` holds; null when it is in no group. */
export function startMember(wiring: Omit<HostWiring, "loaded" | "app">): Member | null {
  const loaded = wiring.log.load();
  if (!loaded) return null;
  const app = new GroupApp();
  return { config: loaded.identity.config, host: startHost({ ...wiring, loaded, app }), app };
}

/** Replica `to` of `member`'s group, reached with the group's location hint for it. */
export function peerOf(namespace: Env["RAFT_REPLICA"], member: Member, to: number): PeerEndpoint {
  const { config, host } = member;
  const hint = replicaLocation(config, to);
  const stub = namespace.getByName(
    replicaName(config.name, to),
    hint ? { locationHint: hint } : undefined,
  );
  return { deliver: (messages) => stub.deliver(config, to, host.id, messages) };
}
