import { beforeAll, describe, it } from "vitest";
import { fuzzOperations, fuzzTimeoutMs } from "./fuzz-run";
import { KNOWN_NAMES, setUpGroup, setUpRing, watchedState } from "./fuzz-state";

beforeAll(async () => {
  await setUpGroup();
  await setUpRing();
});

describe("fuzzing the job and placement routes", () => {
  it(
    "never fails, answers problems and changes nothing when it rejects",
    async () => {
      await fuzzOperations({
        select: ({ template }) =>
          template.startsWith("/v1/jobs") || template.startsWith("/v1/placement"),
        known: KNOWN_NAMES,
        probe: watchedState,
      });
    },
    fuzzTimeoutMs(),
  );
});
