import { beforeAll, describe, it } from "vitest";
import { fuzzOperations, fuzzTimeoutMs } from "./fuzz-run";
import { KNOWN_NAMES, setUpGroup, setUpRing, watchedState } from "./fuzz-state";

beforeAll(async () => {
  await setUpGroup();
  await setUpRing();
});

describe("fuzzing the KV key and listing routes", () => {
  it(
    "never fails, answers problems and changes nothing when it rejects",
    async () => {
      await fuzzOperations({
        select: (operation) => operation.template.startsWith("/v1/groups/{group}/kv"),
        known: KNOWN_NAMES,
        probe: watchedState,
      });
    },
    fuzzTimeoutMs(),
  );
});
