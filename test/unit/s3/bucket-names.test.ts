/**
 * Bucket names: each of S3's general-purpose rules (the S3 user guide's "General purpose
 * bucket naming rules") on both sides of its bound, and edgeos's "no dots"; each refusal
 * names the rule that broke.
 */
import { describe, expect, it } from "vitest";
import {
  bucketNameProblem,
  MAX_BUCKET_NAME_LENGTH,
  MIN_BUCKET_NAME_LENGTH,
} from "../../../shared/s3/bucket-names";

const ok = (name: string) => expect(bucketNameProblem(name), name).toBeNull();
const refused = (name: string, rule: RegExp) => expect(bucketNameProblem(name), name).toMatch(rule);

describe("bucketNameProblem", () => {
  it(`takes ${MIN_BUCKET_NAME_LENGTH} to ${MAX_BUCKET_NAME_LENGTH} characters, and not one fewer or more`, () => {
    ok("a".repeat(MIN_BUCKET_NAME_LENGTH));
    ok("a".repeat(MAX_BUCKET_NAME_LENGTH));
    refused("a".repeat(MIN_BUCKET_NAME_LENGTH - 1), /3 to 63 characters/);
    refused("a".repeat(MAX_BUCKET_NAME_LENGTH + 1), /3 to 63 characters/);
    refused("", /3 to 63 characters/);
  });

  it("takes lowercase letters, digits and hyphens", () => {
    ok("photos");
    ok("my-bucket-2");
    ok("123");
    ok("a-b-c-d");
    ok("a--b");
  });

  it("refuses uppercase letters", () => {
    refused("Photos", /uppercase/);
    refused("phOtos", /uppercase/);
  });

  it("refuses other characters", () => {
    for (const name of ["my_bucket", "my bucket", "bücket", "a/b/c", "a+b", "a:b"]) {
      refused(name, /only of lowercase letters, digits and hyphens/);
    }
  });

  it("begins and ends with a letter or digit", () => {
    refused("-abc", /begins and ends with a letter or digit/);
    refused("abc-", /begins and ends with a letter or digit/);
    ok("0bc");
    ok("ab9");
  });

  it("refuses dots (edgeos: a bucket is a volume), which covers S3's rules about dots", () => {
    refused("my.bucket", /no dots/);
    refused("my..bucket", /no dots/);
    refused("abc.mrap", /no dots/);
  });

  it("refuses a name formatted as an IP address, with its own message", () => {
    refused("192.168.5.4", /IP address/);
    refused("10.0.0.1", /IP address/);
    refused("1.2.3", /no dots/);
  });

  it("refuses S3's reserved prefixes, and takes near misses", () => {
    refused("xn--abc", /may not begin with xn--/);
    refused("sthree-abc", /may not begin with sthree-/);
    refused("sthree-configurator", /may not begin with sthree-/);
    refused("amzn-s3-demo-bucket", /may not begin with amzn-s3-demo-/);
    ok("xn-abc");
    ok("axn--abc");
    ok("sthree");
    ok("amzn-s3-demo");
  });

  it("refuses S3's reserved suffixes, and takes near misses", () => {
    refused("abc-s3alias", /may not end with -s3alias/);
    refused("abc--ol-s3", /may not end with --ol-s3/);
    refused("abc--x-s3", /may not end with --x-s3/);
    ok("abc-s3alias1");
    ok("abc-ol-s3");
    ok("abc-x-s3");
    ok("s3alias");
  });
});
