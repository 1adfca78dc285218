import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ProblemError } from "../../../workers/gateway/problem";
import { validationHook } from "../../../workers/gateway/validation";

/** The problem the route hook raises for `body` against `schema`. */
function problemFor(schema: z.ZodType, body: unknown): ProblemError {
  const result = schema.safeParse(body);
  try {
    validationHook({ target: "json", ...result } as Parameters<typeof validationHook>[0]);
  } catch (error) {
    return error as ProblemError;
  }
  throw new Error("the hook accepted the body");
}

describe("validation problems", () => {
  it("name the allowed values of a union of literals, where zod says only 'Invalid input'", () => {
    const schema = z.object({ replicas: z.union([z.literal(3), z.literal(5)]) });
    const problem = problemFor(schema, { replicas: 4 });
    expect(problem.message).toBe("body.replicas: must be one of 3, 5");
    expect(problem.options.field).toBe("body.replicas");
  });

  it("name the allowed values of an enum and a literal", () => {
    const schema = z.object({ overlay: z.enum(["chord", "kademlia"]), engine: z.literal("raft") });
    expect(problemFor(schema, { overlay: "pastry", engine: "raft" }).message).toBe(
      'body.overlay: must be one of "chord", "kademlia"',
    );
    expect(problemFor(schema, { overlay: "chord", engine: "paxos" }).message).toBe(
      'body.engine: must be one of "raft"',
    );
  });

  it("keep zod's message for other issues", () => {
    expect(problemFor(z.object({ n: z.number().max(9) }), { n: 12 }).message).toMatch(
      /^body\.n: Too big/,
    );
  });
});
