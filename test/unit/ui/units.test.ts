import { describe, expect, it } from "vitest";
import { bytes, count, duration, latency, latLon } from "../../../workers/ui/units";

describe("numbers with units", () => {
  it("counts in the singular for exactly one and groups thousands", () => {
    expect(count(0, "key")).toBe("0 keys");
    expect(count(1, "key")).toBe("1 key");
    expect(count(1234, "entry", "entries")).toBe("1,234 entries");
  });

  it("says a span of time in its largest fitting unit", () => {
    expect(duration(0)).toBe("0 ms");
    expect(duration(11.6)).toBe("12 ms");
    expect(duration(1400)).toBe("1.4 s");
    expect(duration(42_900)).toBe("42 s");
    expect(duration(185_000)).toBe("3 min 5 s");
    expect(duration(7_800_000)).toBe("2 h 10 min");
    expect(duration(-5)).toBe("0 ms");
  });

  it("says a latency in tenths of a millisecond below 10 ms", () => {
    expect(latency(0.42)).toBe("0.4 ms");
    expect(latency(9.94)).toBe("9.9 ms");
    expect(latency(12.4)).toBe("12 ms");
    expect(latency(1400)).toBe("1.4 s");
  });

  it("writes a place with its hemispheres", () => {
    expect(latLon({ lat: 35.7, lon: 139.69 })).toBe("35.70° N, 139.69° E");
    expect(latLon({ lat: -33.87, lon: -70.6 })).toBe("33.87° S, 70.60° W");
  });

  it("says a size in its largest fitting binary unit", () => {
    expect(bytes(0)).toBe("0 B");
    expect(bytes(1023)).toBe("1023 B");
    expect(bytes(1536)).toBe("1.5 KiB");
    expect(bytes(64 * 1024 * 1024)).toBe("64.0 MiB");
    expect(bytes(3 * 1024 ** 5)).toBe("3072.0 TiB");
  });
});
