/** Zod schemas shared by the consensus-group routes, so `/openapi.json` documents them once. */
import { z } from "@hono/zod-openapi";
import { GROUP_NAME_PATTERN } from "../../../shared/consensus/group-config";
import { problemResponseSpec } from "../problem-schema";

/** `{group}` in a path. */
export const GroupParam = z
  .string()
  .regex(GROUP_NAME_PATTERN, "group names are 1-63 of a-z, 0-9 and -")
  .openapi({ param: { name: "group", in: "path" }, example: "default" });

/** `?consistency=` of a read: linearizable (ReadIndex on the leader) unless asked. */
export const Consistency = z.object({
  consistency: z.enum(["linearizable", "serializable"]).default("linearizable"),
});

/** One key as the API returns it. */
export const KeyValueSchema = z
  .object({
    key: z.string(),
    value: z.string(),
    createRevision: z.number().int(),
    modRevision: z.number().int(),
    version: z.number().int(),
    lease: z.number().int().optional(),
  })
  .openapi("KeyValue");

/** What a delete or a lease revocation answers: keys deleted, and the revision after it. */
export const DeletedSchema = z
  .object({ deleted: z.number().int(), revision: z.number().int() })
  .openapi("Deleted");

/** Error responses every group route may give. */
export const groupErrors = {
  400: problemResponseSpec("Invalid request"),
  401: problemResponseSpec("Missing or wrong bearer token"),
  404: problemResponseSpec("No such group (or key)"),
  503: problemResponseSpec("No leader now, or the outcome of a write is unknown (see outcome)"),
};

/** A JSON response entry. */
export function json<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}
