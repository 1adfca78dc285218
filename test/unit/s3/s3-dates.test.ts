/**
 * HTTP and S3 dates: IMF-fixdate and S3's ISO form written, and HTTP's three date forms
 * (RFC 9110 §5.6.7's examples) read, with impossible dates refused rather than rolled over.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { httpDate, parseHttpDate, s3IsoDate } from "../../../shared/s3/s3-dates";

/** RFC 9110's example instant: Sun, 06 Nov 1994 08:49:37 GMT. */
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe("httpDate and s3IsoDate", () => {
  it("write IMF-fixdate and ISO 8601 with milliseconds", () => {
    expect(httpDate(EXAMPLE)).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(httpDate(Date.UTC(2026, 0, 5))).toBe("Mon, 05 Jan 2026 00:00:00 GMT");
    expect(s3IsoDate(Date.UTC(2009, 9, 12, 17, 50, 30))).toBe("2009-10-12T17:50:30.000Z");
    expect(s3IsoDate(EXAMPLE + 7)).toBe("1994-11-06T08:49:37.007Z");
  });

  it("httpDate reads back through parseHttpDate to the second", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(parseHttpDate(httpDate(ms))).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseHttpDate", () => {
  it("reads HTTP's three forms (RFC 9110's examples)", () => {
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(EXAMPLE);
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(EXAMPLE);
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(EXAMPLE);
    expect(parseHttpDate("Sun Nov 16 08:49:37 1994")).toBe(EXAMPLE + 10 * 86_400_000);
  });

  it("reads RFC 850's two-digit year as 1970..2069", () => {
    expect(parseHttpDate("Thursday, 01-Jan-70 00:00:00 GMT")).toBe(0);
    expect(parseHttpDate("Wednesday, 31-Dec-69 00:00:00 GMT")).toBe(Date.UTC(2069, 11, 31));
  });

  it("ignores surrounding whitespace, not the weekday's agreement with the date", () => {
    expect(parseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT ")).toBe(EXAMPLE);
    expect(parseHttpDate("Mon, 06 Nov 1994 08:49:37 GMT")).toBe(EXAMPLE);
  });

  it("reads the last second of a day and of a leap February", () => {
    expect(parseHttpDate("Sat, 29 Feb 2020 23:59:59 GMT")).toBe(Date.UTC(2020, 1, 29, 23, 59, 59));
  });

  it("refuses impossible dates instead of rolling them over", () => {
    for (const text of [
      "Sun, 31 Feb 1994 08:49:37 GMT",
      "Sun, 29 Feb 2021 08:49:37 GMT",
      "Sun, 32 Jan 1994 08:49:37 GMT",
      "Sun, 00 Jan 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 24:00:00 GMT",
      "Sun, 06 Nov 1994 08:60:00 GMT",
      "Sun, 06 Nov 1994 08:49:60 GMT",
      "Sun, 06 Nov 0094 08:49:37 GMT",
    ]) {
      expect(parseHttpDate(text), text).toBeNull();
    }
  });

  it("refuses what is none of the three forms", () => {
    for (const text of [
      "",
      "yesterday",
      "1994-11-06T08:49:37Z",
      "Sun, 06 Nov 1994 08:49:37 UTC",
      "Sun, 06 Nov 1994 08:49:37 +0000",
      "Sun, 6 Nov 1994 08:49:37 GMT",
      "Sun, 06 nov 1994 08:49:37 GMT",
      "Sun 06 Nov 1994 08:49:37 GMT",
      "Sunday, 06-Nov-1994 08:49:37 GMT",
      "Sun Nov 6 08:49:37 1994",
      "784111777",
    ]) {
      expect(parseHttpDate(text), text).toBeNull();
    }
  });
});
