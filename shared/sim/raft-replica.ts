/**
 * One simulated replica: the production consensus host (`ConsensusHost`) behind
 * simulated ports — a disk that survives crashes (`MemoryRaftLog`), the virtual network,
 * the virtual clock and a virtual alarm — serving the register store. Everything a
 * Durable Object replica decides, this replica decides with the same code; only storage,
 * transport and timers differ.
 */

import type { CallOutcome } from "../consensus/call-outcome";
import { ConsensusHost } from "../consensus/host/consensus-host";
import type { CoreMessage } from "../consensus/host/consensus-node";
import type { EngineChoice } from "../consensus/host/engine";
import type { HostStatus } from "../consensus/host/host-status";
import type { Cancel, HostClock } from "../consensus/host/ports";
import type { HostTuning } from "../consensus/host/tuning";
import type { PaxosOptions } from "../consensus/paxos/options";
import type { Paxos } from "../consensus/paxos/paxos";
import type { RaftOptions } from "../consensus/raft/options";
import type { Raft } from "../consensus/raft/raft";
import type { ConfState, Entry, NodeId } from "../consensus/raft/types";
import type { RegisterValue } from "../lincheck/history";
import type { Rng } from "../rng";
import { MemoryRaftLog } from "./memory-raft-log";
import { type RegisterCommand, RegisterMachine, type RegisterResult } from "./register-machine";

/** Builds the core of a replica; tests substitute deliberately broken subclasses. */
export type RaftFactory = (options: RaftOptions) => Raft;
export type PaxosFactory = (options: PaxosOptions) => Paxos;

/** The register store's host; tests substitute deliberately broken subclasses. */
export type RegisterHost = ConsensusHost<RegisterCommand, RegisterResult>;
export type HostFactory = (
  options: ConstructorParameters<typeof ConsensusHost<RegisterCommand, RegisterResult>>[0],
) => RegisterHost;

/** What a replica reports to the cluster around it. */
export interface ReplicaEnvironment {
  send(m: CoreMessage): void;
  applied(id: NodeId, entry: Entry): void;
  becameLeader(id: NodeId, term: number): void;
  failed(id: NodeId, reason: string): void;
  /** Runs `action` at replica `id` after `ms` virtual milliseconds (deferred while paused). */
  after(id: NodeId, ms: number, action: () => void): void;
  now(): number;
  /** Whether the replica's alarm drives its ticks (false: the test ticks by hand). */
  alarms: boolean;
}

export interface ReplicaConfig {
  tuning: HostTuning;
  rng: Rng;
  engine: EngineChoice;
  makeRaft?: RaftFactory;
  makePaxos?: PaxosFactory;
  makeHost?: HostFactory;
}

export class SimReplica {
  readonly id: NodeId;
  /** Stable storage; everything else is lost on a crash. */
  readonly disk: MemoryRaftLog;
  host: RegisterHost | undefined;
  private readonly config: ReplicaConfig;
  private readonly env: ReplicaEnvironment;
  /** Lives so far: each restart is a new incarnation whose timers the old ones cannot fire. */
  private lives = 0;
  private alarmAt: number | null = null;

  constructor(id: NodeId, conf: ConfState, config: ReplicaConfig, env: ReplicaEnvironment) {
    this.id = id;
    this.disk = new MemoryRaftLog(conf);
    this.config = config;
    this.env = env;
  }

  get up(): boolean {
    return this.host !== undefined;
  }

  /** The register store as this replica has applied it (empty while down). */
  get machine(): RegisterMachine {
    return (this.host?.machine as RegisterMachine | undefined) ?? new RegisterMachine();
  }

  /** What the replica knows of itself and its group; undefined while down. */
  status(): HostStatus | undefined {
    return this.host?.status();
  }

  /** Boots (or reboots) from the disk only. */
  start(): void {
    const life = ++this.lives;
    const alive = () => this.lives === life && this.host !== undefined;
    const clock: HostClock = {
      now: () => this.env.now(),
      after: (ms, run) => this.timer(ms, () => alive() && run()),
    };
    const env = this.env;
    const options = {
      id: this.id,
      loaded: this.disk.load(),
      log: this.disk,
      transport: {
        send: (messages: CoreMessage[]) => {
          for (const m of messages) env.send(m);
        },
      },
      clock,
      alarm: {
        set: (at: number) => this.setAlarm(at),
        clear: () => {
          this.alarmAt = null;
        },
      },
      alarmAt: this.alarmAt,
      events: {
        failed: (reason: string) => env.failed(this.id, reason),
        applied: (entry: Entry) => env.applied(this.id, entry),
        becameLeader: (term: number) => env.becameLeader(this.id, term),
      },
      app: { machine: new RegisterMachine() },
      tuning: this.config.tuning,
      rng: this.config.rng,
      incarnation: `${this.id}.${life}`,
      engine: this.config.engine,
      ...(this.config.makeRaft ? { makeRaft: this.config.makeRaft } : {}),
      ...(this.config.makePaxos ? { makePaxos: this.config.makePaxos } : {}),
    };
    this.host = this.config.makeHost ? this.config.makeHost(options) : new ConsensusHost(options);
    // An alarm that came due while the replica was down fires now, as a DO's would.
    if (this.alarmAt !== null && this.alarmAt <= this.env.now()) this.fireAlarm(this.alarmAt, 0);
  }

  /** Starts the timers of a replica that was just created (a new group's members). */
  arm(): void {
    this.host?.armAlarm();
  }

  /**
   * Loses all volatile state; calls in flight learn their outcome is unknown. The disk
   * and the alarm survive, as a Durable Object's do.
   */
  crash(): void {
    const host = this.host;
    this.host = undefined;
    this.lives++;
    host?.stop();
  }

  /** One tick, for hand-driven scenarios. */
  tick(): void {
    this.host?.tick();
  }

  receive(m: CoreMessage): void {
    this.host?.step([m]);
  }

  /** Submits a write or CAS; `done` hears how it ended. */
  submit(cmd: RegisterCommand, done: (outcome: CallOutcome<RegisterResult>) => void): void {
    if (!this.host) {
      done({ ok: false, reason: "unavailable", detail: "replica down" });
      return;
    }
    this.host.propose(cmd, done);
  }

  /** A linearizable read of `key`. */
  read(key: string, done: (outcome: CallOutcome<RegisterValue>) => void): void {
    if (!this.host) {
      done({ ok: false, reason: "unavailable", detail: "replica down" });
      return;
    }
    const machine = this.host.machine as RegisterMachine;
    this.host.read(() => machine.read(key), done);
  }

  private timer(ms: number, run: () => void): Cancel {
    let cancelled = false;
    this.env.after(this.id, ms, () => {
      if (!cancelled) run();
    });
    return () => {
      cancelled = true;
    };
  }

  /** The virtual alarm: one pending time, kept across crashes. */
  private setAlarm(at: number): void {
    if (!this.env.alarms) return;
    this.alarmAt = at;
    this.fireAlarm(at, Math.max(0, at - this.env.now()));
  }

  /** Fires the alarm set for `at` after `ms`, unless it was replaced; waits while down. */
  private fireAlarm(at: number, ms: number): void {
    this.env.after(this.id, ms, () => {
      if (this.alarmAt !== at || !this.host) return;
      this.alarmAt = null;
      this.host.alarm();
    });
  }
}
