import { describe, expect, it } from "vitest";
import { MAX_ACCESS_KEY_LENGTH, parseS3Keys } from "../../../shared/s3/s3-keys";

describe("parseS3Keys reads EDGEOS_S3_KEYS", () => {
  it("reads ACCESS_KEY:SECRET pairs, trimmed; a secret may hold colons", () => {
    expect(parseS3Keys(" AK1:SECRET1 , AK2 : se:cr/et+2 ")).toEqual(
      new Map([
        ["AK1", "SECRET1"],
        ["AK2", "se:cr/et+2"],
      ]),
    );
  });

  it("is empty when unset or blank", () => {
    expect(parseS3Keys(undefined).size).toBe(0);
    expect(parseS3Keys("  ").size).toBe(0);
  });

  it("refuses the whole list for one malformed pair", () => {
    for (const text of ["AK1", "AK1:", ":SECRET", "AK1:S,", "AK1:S,,AK2:T", "A K:S"]) {
      expect(() => parseS3Keys(text), text).toThrow(/EDGEOS_S3_KEYS pair/);
    }
  });

  it("refuses a repeated access key and one that is too long", () => {
    expect(() => parseS3Keys("AK:S1,AK:S2")).toThrow(/repeats the access key AK/);
    expect(() => parseS3Keys(`${"A".repeat(MAX_ACCESS_KEY_LENGTH + 1)}:S`)).toThrow(/1 to 128/);
    expect(parseS3Keys(`${"A".repeat(MAX_ACCESS_KEY_LENGTH)}:S`).size).toBe(1);
  });
});
