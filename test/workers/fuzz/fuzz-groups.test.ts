import { beforeAll, describe, it } from "vitest";
import { fuzzOperations, fuzzTimeoutMs } from "./fuzz-run";
import { KNOWN_NAMES, setUpGroup, setUpRing, watchedState } from "./fuzz-state";

beforeAll(async () => {
  await setUpGroup();
  await setUpRing();
});

describe("fuzzing the group routes (creation, members, leader, txn, leases, watch, compact)", () => {
  it(
    "never fails, answers problems and changes nothing when it rejects",
    async () => {
      await fuzzOperations({
        select: ({ template }) =>
          template.startsWith("/v1/groups") && !template.startsWith("/v1/groups/{group}/kv"),
        known: KNOWN_NAMES,
        probe: watchedState,
      });
    },
    fuzzTimeoutMs(),
  );
});
