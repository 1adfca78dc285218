import { describe, expect, it } from "vitest";
import { balance } from "../../../shared/sched/balance/balance";
import { sitedProblem } from "../../../shared/sched/placement/place";
import { WARM_UP_JOBS, warmUpRequests } from "../../../shared/sched/placement/warm-up";

describe("placement warm-up", () => {
  it("runs the balancer's descent and both of its repairs on full-size requests", () => {
    const [mixed, equal] = warmUpRequests();
    const covered = [mixed, equal].map((request) => {
      expect(request?.jobs).toHaveLength(WARM_UP_JOBS);
      const { problem } = sitedProblem(request);
      const result = balance(problem);
      expect(result.steps).toBeGreaterThan(0);
      expect(result.overflow).toBe(0);
      return new Set(problem.demand).size;
    });
    expect(covered).toEqual([3, 1]);
  });
});
