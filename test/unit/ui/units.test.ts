import { describe, expect, it } from "vitest";
import { count } from "../../../workers/ui/units";

describe("numbers with units", () => {
  it("counts in the singular for exactly one and groups thousands", () => {
    expect(count(0, "key")).toBe("0 keys");
    expect(count(1, "key")).toBe("1 key");
    expect(count(1234, "entry", "entries")).toBe("1,234 entries");
  });
});
