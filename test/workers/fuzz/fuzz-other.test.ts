import { beforeAll, describe, it } from "vitest";
import { fuzzOperations, fuzzTimeoutMs } from "./fuzz-run";
import { KNOWN_NAMES, setUpGroup, setUpRing, watchedState } from "./fuzz-state";

beforeAll(async () => {
  await setUpGroup();
  await setUpRing();
});

/** Parts the other fuzz files cover. */
const COVERED = ["/v1/groups", "/v1/rings", "/v1/jobs", "/v1/placement"];

describe("fuzzing every other operation of the OpenAPI document", () => {
  it(
    "never fails, answers problems and changes nothing when it rejects",
    async () => {
      await fuzzOperations({
        select: ({ template }) => !COVERED.some((prefix) => template.startsWith(prefix)),
        known: KNOWN_NAMES,
        probe: watchedState,
      });
    },
    fuzzTimeoutMs(),
  );
});
