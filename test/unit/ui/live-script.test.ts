import { describe, expect, it } from "vitest";
import { LIVE_SCRIPT } from "../../../workers/ui/live-script";

describe("the dashboard's inline script", () => {
  it("is valid JavaScript once the template literal has unescaped it", () => {
    expect(() => new Function(LIVE_SCRIPT)).not.toThrow();
  });

  it("sends the token only as a header, never in a URL", () => {
    expect(LIVE_SCRIPT).toContain('authorization: "Bearer " + token');
    expect(LIVE_SCRIPT).not.toMatch(/[?&]token=/);
  });
});
