import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fuzzRuns, fuzzTimeoutMs, sendAndCheck } from "./fuzz-run";
import { FUZZ_GROUP, groupState, setUpGroup } from "./fuzz-state";
import { bodyFor, contentTypes, hostileText } from "./hostile";
import { badlyEncoded } from "./requests";

beforeAll(setUpGroup);

describe("the dev-only fault routes without EDGEOS_DEV_FAULTS", () => {
  it(
    "answer every request with a 404 problem (a 400 for a badly encoded URL) and fault nothing",
    async () => {
      const before = await groupState();
      const requests = fc.record({
        method: fc.constantFrom("POST", "DELETE"),
        kind: fc.constantFrom("groups", "rings"),
        name: fc.oneof(fc.constantFrom(FUZZ_GROUP, "default"), hostileText),
        contentType: contentTypes,
        body: fc.oneof(
          fc.constant(JSON.stringify({ crash: [1, 2, 3], drop: 1 })),
          fc.constant(JSON.stringify({ crash: "all" })),
          bodyFor(null, {}),
        ),
      });
      await fc.assert(
        fc.asyncProperty(requests, async ({ method, kind, name, contentType, body }) => {
          const path = `/v1/_faults/${kind}/${name}`;
          const status = await sendAndCheck({
            method,
            path,
            headers: contentType.map((type) => ["content-type", type] as [string, string]),
            body,
          });
          expect(status, path).toBe(badlyEncoded(path) ? 400 : 404);
        }),
        { numRuns: fuzzRuns() },
      );
      // A crash or a partition would show as a failed or slow write; a write still commits.
      expect(await groupState()).toEqual(before);
      const write = await sendAndCheck({
        method: "PUT",
        path: `/v1/groups/${FUZZ_GROUP}/kv/after-faults`,
        headers: [["content-type", "application/json"]],
        body: '{"value":"ok"}',
      });
      expect(write).toBe(200);
    },
    fuzzTimeoutMs(),
  );
});
