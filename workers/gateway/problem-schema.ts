/**
 * The zod schema of a problem body, referenced by every route's error responses so that
 * `/openapi.json` documents the one error format.
 */
import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "./problem";

/** Schema of an RFC 9457 problem body as edgeos sends it. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/docs#problem-validation-failed" }),
    title: z.string().openapi({ example: "Validation failed" }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    field: z.string().optional().openapi({ example: "body.k" }),
  })
  .openapi("Problem");

/** An OpenAPI response entry for a problem with the given description. */
export function problemResponseSpec(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
