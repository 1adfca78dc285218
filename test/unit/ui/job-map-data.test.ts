import { describe, expect, it } from "vitest";
import type { JobSummary } from "../../../workers/ui/api-types";
import { executorSites, lastPlacement } from "../../../workers/ui/job-map-data";

function job(id: string, site: string | null, placedAt: string | null): JobSummary {
  return {
    id,
    kind: "sha256",
    state: site ? "succeeded" : "queued",
    site,
    attempts: site ? 1 : 0,
    origin: { lat: Number(id.length), lon: 0 },
    createdAt: "2026-01-01T00:00:00.000Z",
    placedAt,
    finishedAt: null,
    error: null,
  };
}

const EARLY = "2026-01-01T00:00:01.000Z";
const LATE = "2026-01-01T00:00:02.000Z";

describe("what the jobs map draws", () => {
  it("counts the listed jobs per executor site, busiest first, unplaced jobs left out", () => {
    const jobs = [
      job("a", "NRT", EARLY),
      job("b", "FRA", EARLY),
      job("c", "NRT", LATE),
      job("d", null, null),
      job("e", "AMS", LATE),
    ];
    expect(executorSites(jobs)).toEqual([
      { iata: "NRT", jobs: 2 },
      { iata: "AMS", jobs: 1 },
      { iata: "FRA", jobs: 1 },
    ]);
  });

  it("takes the last placement as the jobs placed at the latest moment", () => {
    const jobs = [job("a", "NRT", EARLY), job("bb", "FRA", LATE), job("c", "AMS", LATE)];
    expect(lastPlacement(jobs)).toEqual({
      at: LATE,
      lines: [
        { id: "bb", origin: { lat: 2, lon: 0 }, site: "FRA" },
        { id: "c", origin: { lat: 1, lon: 0 }, site: "AMS" },
      ],
    });
  });

  it("has no last placement when no job listed was placed", () => {
    expect(lastPlacement([])).toBeNull();
    expect(lastPlacement([job("a", null, null)])).toBeNull();
  });
});
