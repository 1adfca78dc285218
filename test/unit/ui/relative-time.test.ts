import { describe, expect, it } from "vitest";
import { relativeTime } from "../../../workers/ui/relative-time";

describe("relative times", () => {
  const now = Date.parse("2026-01-02T12:00:00.000Z");

  it("says how long ago in the largest whole unit", () => {
    expect(relativeTime("2026-01-02T11:59:48.000Z", now)).toBe("12 s ago");
    expect(relativeTime("2026-01-02T11:57:00.000Z", now)).toBe("3 min ago");
    expect(relativeTime("2026-01-02T10:00:00.000Z", now)).toBe("2 h ago");
    expect(relativeTime("2025-12-29T12:00:00.000Z", now)).toBe("4 d ago");
  });

  it("shows a time from a clock slightly ahead as just now, never negative", () => {
    expect(relativeTime("2026-01-02T12:00:03.000Z", now)).toBe("0 s ago");
  });
});
