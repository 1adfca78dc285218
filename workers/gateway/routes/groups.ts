/**
 * Consensus groups: create one (`default` exists without being created), read its status
 * from the leader, add or remove members, and hand leadership over.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { RaftReplica } from "../../../durable-objects/raft/raft-replica";
import type { ReplicaStatus } from "../../../durable-objects/raft/replica-contract";
import {
  DEFAULT_SNAPSHOT_EVERY,
  ENGINES,
  type GroupConfig,
  groupCreationRefusal,
  MAX_SNAPSHOT_EVERY,
  MIN_SNAPSHOT_EVERY,
  REPLICA_COUNTS,
  replicaLocation,
  replicaName,
} from "../../../shared/consensus/group-config";
import { REPLICA_STATES } from "../../../shared/consensus/host/host-status";
import { LOCATION_HINTS } from "../../../shared/sched/geo/location-hint";
import type { ApiApp } from "../api-app";
import { callLeader } from "../group-calls";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { unwrap } from "../rpc-unwrap";
import { GroupParam, groupErrors, json } from "./kv-schemas";

/** Largest replica id a member may have. */
export const MAX_REPLICA_ID = 9;

const QuorumsSchema = z
  .object({
    phase1: z.number().int().min(1).max(MAX_REPLICA_ID),
    phase2: z.number().int().min(1).max(MAX_REPLICA_ID),
  })
  .strict();

const GroupSchema = z
  .object({
    name: GroupParam,
    engine: z.enum(ENGINES),
    replicas: z.union(
      REPLICA_COUNTS.map((n) => z.literal(n)) as [z.ZodLiteral<3>, z.ZodLiteral<5>],
    ),
    quorums: QuorumsSchema.optional().openapi({
      description:
        "Paxos only: how many replicas must promise to elect a leader (phase1) and accept to commit (phase2); phase1 + phase2 must exceed replicas. Majorities when absent",
    }),
    locations: z.array(z.enum(LOCATION_HINTS)).optional(),
    snapshotEvery: z
      .number()
      .int()
      .min(MIN_SNAPSHOT_EVERY)
      .max(MAX_SNAPSHOT_EVERY)
      .optional()
      .openapi({
        description: `Fewest applied entries between KV snapshots (default ${DEFAULT_SNAPSHOT_EVERY}); a snapshot also waits until the log since the last one is as large as it`,
      }),
  })
  .strict()
  .openapi("GroupCreate", {
    example: {
      name: "orders",
      engine: "paxos",
      replicas: 5,
      quorums: { phase1: 4, phase2: 2 },
      locations: ["weur", "enam", "apac", "wnam", "oc"],
    },
  });

const MemberSchema = z.object({
  id: z.number(),
  voter: z.boolean(),
  role: z.string(),
  match: z.number().nullable().openapi({
    description: "Highest index the member holds (Paxos: slot accepted from this leader)",
  }),
  lag: z.number().nullable(),
  committed: z.number().nullable().openapi({
    description: "Paxos: the member's chosen prefix as it last told the leader; null for Raft",
  }),
  location: z.string().nullable(),
  lastContact: z.number().int().nullable().openapi({
    description:
      "When the replica answering (the leader, when there is one) last heard from this member, in ms since the epoch; null for itself, or when it has not since it loaded",
  }),
});

const StatusSchema = z
  .object({
    name: z.string(),
    engine: z.enum(ENGINES),
    leader: z.number().openapi({ description: "The leader now, or 0 while none is known" }),
    lastLeader: z.number().openapi({
      description:
        "The leader now, or else the one last followed (recorded when the group went quiet); 0: none yet",
    }),
    state: z.enum(REPLICA_STATES).openapi({
      description:
        "active: timers run; quiesced: idle with every log complete, no timer runs; evicted: reloaded from disk while idle and not woken since (reading the status does not wake it)",
    }),
    term: z.number().openapi({ description: "Raft's term, or the Paxos ballot's number" }),
    ballot: z
      .object({ round: z.number(), replica: z.number() })
      .nullable()
      .openapi({ description: "Paxos: the ballot promised, as (round, replica); null for Raft" }),
    quorums: QuorumsSchema.nullable().openapi({
      description: "Paxos: the election and commit quorums in force; null for Raft",
    }),
    commit: z.number(),
    applied: z.number(),
    quiesced: z.boolean(),
    members: z.array(MemberSchema),
    stats: z.record(z.string(), z.number()),
  })
  .openapi("GroupStatus", {
    example: {
      name: "orders",
      engine: "raft",
      leader: 1,
      lastLeader: 1,
      state: "active",
      term: 2,
      ballot: null,
      quorums: null,
      commit: 17,
      applied: 17,
      quiesced: false,
      members: [
        {
          id: 1,
          voter: true,
          role: "leader",
          match: 17,
          lag: 0,
          committed: null,
          location: "weur",
          lastContact: null,
        },
        {
          id: 2,
          voter: true,
          role: "follower",
          match: 17,
          lag: 0,
          committed: null,
          location: "enam",
          lastContact: 1_764_950_399_870,
        },
        {
          id: 3,
          voter: true,
          role: "follower",
          match: 16,
          lag: 1,
          committed: null,
          location: "apac",
          lastContact: 1_764_950_399_910,
        },
      ],
      stats: { clientCalls: 17, peerCallsIn: 0, peerCallsOut: 34, alarms: 40, proposals: 17 },
    },
  });

const IdBody = z.object({ id: z.number().int().min(1).max(MAX_REPLICA_ID) }).strict();

const createGroupRoute = createRoute({
  method: "post",
  path: "/v1/groups",
  summary: "Create a consensus group",
  tags: ["groups"],
  middleware: [jsonBody()] as const,
  request: { body: { content: { "application/json": { schema: GroupSchema } }, required: true } },
  responses: {
    201: json("Created", GroupSchema),
    ...groupErrors,
    409: problemResponseSpec("A group with this name exists"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/v1/groups/{group}",
  summary: "Leader, term, commit and applied index, and every member's state",
  tags: ["groups"],
  request: { params: z.object({ group: GroupParam }) },
  responses: { 200: json("Status", StatusSchema), ...groupErrors },
});

const addMemberRoute = createRoute({
  method: "post",
  path: "/v1/groups/{group}/members",
  summary: "Add a member: it joins as a learner and becomes a voter once caught up",
  tags: ["groups"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ group: GroupParam }),
    body: { content: { "application/json": { schema: IdBody } }, required: true },
  },
  responses: {
    200: json(
      "Membership",
      z.object({ voters: z.array(z.number()), learners: z.array(z.number()) }),
    ),
    ...groupErrors,
  },
});

const removeMemberRoute = createRoute({
  method: "delete",
  path: "/v1/groups/{group}/members/{id}",
  summary: "Remove a member (transfer leadership first to remove the leader)",
  tags: ["groups"],
  request: {
    params: z.object({ group: GroupParam, id: z.coerce.number().int().min(1).max(MAX_REPLICA_ID) }),
  },
  responses: {
    200: json(
      "Membership",
      z.object({ voters: z.array(z.number()), learners: z.array(z.number()) }),
    ),
    ...groupErrors,
  },
});

const transferRoute = createRoute({
  method: "post",
  path: "/v1/groups/{group}/leader",
  summary: "Transfer leadership to a member",
  tags: ["groups"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ group: GroupParam }),
    body: { content: { "application/json": { schema: IdBody } }, required: true },
  },
  responses: { 200: json("New leader", z.object({ leader: z.number() })), ...groupErrors },
});

/** A member's role; while the replica answering is evicted, as when the group went quiet. */
function roleOf(member: ReplicaStatus["members"][number], status: ReplicaStatus): string {
  const leader = status.state === "evicted" ? status.lastLeader : status.leader;
  return member.id === leader ? "leader" : member.voter ? "follower" : "learner";
}

/** Adds the group routes. */
export function registerGroupRoutes(app: ApiApp): void {
  app.openapi(createGroupRoute, async (c) => {
    const body = c.req.valid("json");
    const config: GroupConfig = { ...body, locations: body.locations ?? [] };
    const refusal = groupCreationRefusal(config);
    if (refusal?.reason === "exists") throw exists(config.name);
    if (refusal) {
      throw new ProblemError("validation-failed", refusal.detail, { field: refusal.field });
    }
    // Replica 1 last: it starts the first election as soon as it exists.
    for (let id = config.replicas; id >= 1; id--) {
      const hint = replicaLocation(config, id);
      const stub: DurableObjectStub<RaftReplica> = c.env.RAFT_REPLICA.getByName(
        replicaName(config.name, id),
        hint ? { locationHint: hint } : undefined,
      );
      const { created } = unwrap(await stub.create(config, id));
      if (!created) throw exists(config.name);
    }
    return c.json({ ...body, locations: config.locations }, 201);
  });

  app.openapi(statusRoute, async (c) => {
    const { group } = c.req.valid("param");
    const status = await callLeader(c.env, group, (stub, address) => stub.status(address, true), {
      write: false,
    });
    return c.json(
      {
        name: status.group,
        engine: status.engine,
        leader: status.leader,
        lastLeader: status.lastLeader,
        state: status.state,
        term: status.term,
        ballot: status.ballot,
        quorums: status.quorums,
        commit: status.commit,
        applied: status.applied,
        quiesced: status.quiesced,
        members: status.members.map((member) => ({
          ...member,
          role: roleOf(member, status),
        })),
        stats: status.stats,
      },
      200,
    );
  });

  app.openapi(addMemberRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { id } = c.req.valid("json");
    const conf = await callLeader(c.env, group, (stub, a) => stub.addMember(a, id), {
      write: true,
    });
    return c.json(conf, 200);
  });

  app.openapi(removeMemberRoute, async (c) => {
    const { group, id } = c.req.valid("param");
    const conf = await callLeader(c.env, group, (stub, a) => stub.removeMember(a, id), {
      write: true,
    });
    return c.json(conf, 200);
  });

  app.openapi(transferRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { id } = c.req.valid("json");
    const result = await callLeader(c.env, group, (stub, a) => stub.transferLeadership(a, id), {
      write: true,
    });
    return c.json(result, 200);
  });
}

function exists(name: string): ProblemError {
  return new ProblemError("conflict", `group "${name}" already exists`, { field: "body.name" });
}
