/**
 * `GET /v1/groups/{group}/watch?prefix=P&fromRevision=R`: a `text/event-stream` of the
 * put and delete events under a prefix, from revision R (default: the next change),
 * each as an SSE event named after its type with the revision as its id. The gateway
 * long-polls the leader, so an idle watch costs one call per `WATCH_POLL_MS`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { MAX_KEY_BYTES } from "../../../shared/kv";
import type { ApiApp } from "../api-app";
import { callLeader } from "../group-calls";
import { kvProblem, readCommand } from "../kv-calls";
import { GroupParam, groupErrors } from "./kv-schemas";

/** How long one long-poll waits at the leader for a new event. */
export const WATCH_POLL_MS = 10_000;

const route = createRoute({
  method: "get",
  path: "/v1/groups/{group}/watch",
  summary: "Stream changes under a prefix as server-sent events",
  tags: ["kv"],
  request: {
    params: z.object({ group: GroupParam }),
    query: z.object({
      prefix: z.string().max(MAX_KEY_BYTES).default(""),
      fromRevision: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: {
    200: {
      description: "An event stream",
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...groupErrors,
  },
});

/** Adds the watch route. */
export function registerWatchRoutes(app: ApiApp): void {
  app.openapi(route, async (c) => {
    const { group } = c.req.valid("param");
    const { prefix, fromRevision } = c.req.valid("query");
    let next = fromRevision ?? (await currentRevision(c.env, group)) + 1;
    // Fail before the stream starts when the revision is already compacted away.
    const first = await poll(c.env, group, next, prefix, 0);
    return streamSSE(c, async (stream) => {
      let batch = first;
      while (!stream.aborted) {
        for (const event of batch.events) {
          await stream.writeSSE({
            event: event.type,
            id: String(event.revision),
            data: JSON.stringify(event),
          });
          next = event.revision + 1;
        }
        if (batch.events.length === 0) await stream.write(": idle\n\n");
        batch = await poll(c.env, group, next, prefix, WATCH_POLL_MS);
      }
    });
  });
}

async function poll(env: Env, group: string, from: number, prefix: string, waitMs: number) {
  const found = await callLeader(
    env,
    group,
    (stub, address) => stub.events(address, from, prefix, waitMs),
    {
      write: false,
    },
  );
  if (found.kind === "error") throw kvProblem(found, (field) => `query.${field}`);
  return found;
}

async function currentRevision(env: Env, group: string): Promise<number> {
  const result = await readCommand(
    env,
    group,
    { type: "range", prefix: "", limit: 1 },
    "serializable",
    (f) => `query.${f}`,
  );
  return result.revision;
}
