/**
 * S3's XML answers, read back by Debian's botocore (the parser of the AWS CLI and boto3)
 * with the S3 service model: what an SDK hands its caller must be exactly what was built —
 * keys with spaces, `+`, `%`, unicode and XML's special characters, under
 * `encoding-type=url` and without, common prefixes, truncation, tokens, ETags and times.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { encodeContinuationToken } from "../../../shared/s3/list-order";
import {
  completeMultipartXml,
  copyObjectResultXml,
  copyPartResultXml,
  deleteResultXml,
  initiateMultipartXml,
  listBucketsXml,
  listMultipartUploadsXml,
  listObjectsV1Xml,
  listObjectsV2Xml,
  listPartsXml,
  locationXml,
  type ObjectEntry,
  unversionedXml,
} from "../../../shared/s3/s3-responses";
import { readXml } from "../../../shared/s3/xml-reader";
import { S3_XMLNS } from "../../../shared/s3/xml-writer";
import { type BotocoreCase, ensureBotocore, parseWithBotocore } from "./botocore";

const OWNER = { id: "edgeos", displayName: "edgeos" };
const AT = Date.UTC(2009, 9, 12, 17, 50, 30, 250);
/** How botocore writes `AT` back. */
const AT_ISO = "2009-10-12T17:50:30.250000+00:00";

/** Keys a URL encoding or an XML escape could get wrong. */
const AWKWARD_KEYS = [
  "a b.txt",
  "a+b.txt",
  "100%.csv",
  "%20literal",
  "한글/x.txt",
  "emoji 😀.png",
  "q?x=1&y=2#frag",
  "<tag attr=\"v\">'&amp;'</tag>",
  "tab\there",
  "line\nfeed",
  "carriage\rreturn",
  "crlf\r\nend",
  "~!*'();:@=$,[]",
];

function entry(key: string, i: number): ObjectEntry {
  return {
    key,
    lastModified: AT + i,
    etag: `"${"0123456789abcdef".repeat(2).slice(i % 16)}"`,
    size: i * 1000,
  };
}

function parse(operation: string, body: string, extra: Partial<BotocoreCase> = {}) {
  return parseWithBotocore({ operation, status: 200, body, ...extra });
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000+00:00");
}

beforeAll(() => ensureBotocore());

describe("ListObjectsV2", () => {
  const contents = AWKWARD_KEYS.map(entry);
  const token = encodeContinuationToken("a b/");
  const next = encodeContinuationToken("zz top");
  const build = (encodingType?: "url") =>
    listObjectsV2Xml({
      name: "photos",
      prefix: "",
      delimiter: "/",
      maxKeys: 1000,
      keyCount: contents.length + 3,
      isTruncated: true,
      continuationToken: token,
      nextContinuationToken: next,
      startAfter: "a b+c",
      ...(encodingType && { encodingType }),
      contents,
      commonPrefixes: ["run books/", "c++/", "100%/"],
    });

  it("reads back every key, prefix and marker exactly under encoding-type=url", () => {
    const parsed = parse("ListObjectsV2", build("url"), { autoUrl: true });
    expect((parsed.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(AWKWARD_KEYS);
    expect(parsed.CommonPrefixes).toEqual([
      { Prefix: "run books/" },
      { Prefix: "c++/" },
      { Prefix: "100%/" },
    ]);
    expect(parsed).toMatchObject({
      Name: "photos",
      Prefix: "",
      Delimiter: "/",
      MaxKeys: 1000,
      EncodingType: "url",
      KeyCount: contents.length + 3,
      IsTruncated: true,
      ContinuationToken: token,
      NextContinuationToken: next,
      StartAfter: "a b+c",
    });
  });

  it("writes ETags, sizes, times and the storage class as S3 does", () => {
    const parsed = parse("ListObjectsV2", build("url"), { autoUrl: true });
    const got = parsed.Contents as Record<string, unknown>[];
    got.forEach((c, i) => {
      expect(c).toEqual({
        Key: AWKWARD_KEYS[i],
        LastModified: isoOf(AT + i),
        ETag: contents[i]?.etag,
        Size: i * 1000,
        StorageClass: "STANDARD",
      });
    });
    expect(got[0]?.LastModified).toBe(AT_ISO);
    expect(build()).toContain("<LastModified>2009-10-12T17:50:30.250Z</LastModified>");
  });

  it("reads back every key exactly without encoding-type too (XML escapes, CR as &#13;)", () => {
    const parsed = parse("ListObjectsV2", build());
    expect((parsed.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(AWKWARD_KEYS);
    expect(parsed.StartAfter).toBe("a b+c");
    expect(parsed.EncodingType).toBeUndefined();
  });

  it("encodes a space as %20, a plus as %2B and keeps / and unreserved characters", () => {
    const xml = build("url");
    expect(xml).toContain("<Key>a%20b.txt</Key>");
    expect(xml).toContain("<Key>a%2Bb.txt</Key>");
    expect(xml).toContain("<Key>100%25.csv</Key>");
    expect(xml).toContain("<Key>%ED%95%9C%EA%B8%80/x.txt</Key>");
    expect(xml).toContain("<Prefix>run%20books/</Prefix>");
    expect(xml).toContain("<StartAfter>a%20b%2Bc</StartAfter>");
  });

  it("omits what was not asked: delimiter, tokens, start-after, owner", () => {
    const xml = listObjectsV2Xml({
      name: "b",
      prefix: "p/",
      maxKeys: 2,
      keyCount: 0,
      isTruncated: false,
      contents: [],
      commonPrefixes: [],
    });
    const parsed = parse("ListObjectsV2", xml);
    expect(parsed).toMatchObject({ Name: "b", Prefix: "p/", MaxKeys: 2, KeyCount: 0 });
    expect(parsed.IsTruncated).toBe(false);
    for (const absent of [
      "Delimiter",
      "ContinuationToken",
      "NextContinuationToken",
      "StartAfter",
      "Contents",
      "CommonPrefixes",
    ]) {
      expect(parsed[absent], absent).toBeUndefined();
    }
  });

  it("gives each object its Owner when asked (fetch-owner)", () => {
    const xml = listObjectsV2Xml({
      name: "b",
      prefix: "",
      maxKeys: 1000,
      keyCount: 1,
      isTruncated: false,
      contents: [entry("k", 0)],
      commonPrefixes: [],
      owner: OWNER,
    });
    const parsed = parse("ListObjectsV2", xml);
    expect((parsed.Contents as { Owner: unknown }[])[0]?.Owner).toEqual({
      ID: "edgeos",
      DisplayName: "edgeos",
    });
  });

  it("declares S3's namespace on the root", () => {
    expect(build()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/,
    );
  });
});

describe("ListObjects (V1)", () => {
  const build = (encodingType?: "url") =>
    listObjectsV1Xml({
      name: "photos",
      prefix: "run books/",
      marker: "run books/a+b",
      nextMarker: "run books/z z/",
      delimiter: "/",
      maxKeys: 2,
      isTruncated: true,
      ...(encodingType && { encodingType }),
      contents: [entry("run books/a b", 0)],
      commonPrefixes: ["run books/z z/"],
      owner: OWNER,
    });

  it("reads back keys and markers under encoding-type=url", () => {
    const parsed = parse("ListObjects", build("url"), { autoUrl: true });
    expect(parsed).toMatchObject({
      Name: "photos",
      Marker: "run books/a+b",
      NextMarker: "run books/z z/",
      Delimiter: "/",
      MaxKeys: 2,
      IsTruncated: true,
      CommonPrefixes: [{ Prefix: "run books/z z/" }],
    });
    expect(parsed.Contents).toEqual([
      {
        Key: "run books/a b",
        LastModified: AT_ISO,
        ETag: entry("", 0).etag,
        Size: 0,
        Owner: { ID: "edgeos", DisplayName: "edgeos" },
        StorageClass: "STANDARD",
      },
    ]);
  });

  it("encodes Prefix as S3 does, which botocore leaves for its caller to decode", () => {
    const parsed = parse("ListObjects", build("url"), { autoUrl: true });
    expect(parsed.Prefix).toBe("run%20books/");
    expect(parse("ListObjects", build()).Prefix).toBe("run books/");
  });
});

describe("multipart answers", () => {
  it("InitiateMultipartUploadResult and CompleteMultipartUploadResult", () => {
    const key = "dir/big file+1.bin";
    expect(
      parse("CreateMultipartUpload", initiateMultipartXml({ bucket: "b", key, uploadId: "u-1" })),
    ).toMatchObject({ Bucket: "b", Key: key, UploadId: "u-1" });
    const etag = '"3858f62230ac3c915f300c664312c11f-9"';
    expect(
      parse(
        "CompleteMultipartUpload",
        completeMultipartXml({ location: "http://h/s3/b/dir/big", bucket: "b", key, etag }),
      ),
    ).toMatchObject({ Location: "http://h/s3/b/dir/big", Bucket: "b", Key: key, ETag: etag });
  });

  it("ListPartsResult", () => {
    const parts = [1, 2, 3].map((n) => ({
      partNumber: n,
      lastModified: AT + n,
      etag: `"etag-${n}"`,
      size: 5 * 1024 * 1024 + n,
    }));
    const parsed = parse(
      "ListParts",
      listPartsXml({
        bucket: "b",
        key: "a b&c",
        uploadId: "u-1",
        partNumberMarker: 0,
        nextPartNumberMarker: 3,
        maxParts: 3,
        isTruncated: true,
        owner: OWNER,
        parts,
      }),
    );
    expect(parsed).toMatchObject({
      Bucket: "b",
      Key: "a b&c",
      UploadId: "u-1",
      PartNumberMarker: 0,
      NextPartNumberMarker: 3,
      MaxParts: 3,
      IsTruncated: true,
      StorageClass: "STANDARD",
      Initiator: { ID: "edgeos", DisplayName: "edgeos" },
      Owner: { ID: "edgeos", DisplayName: "edgeos" },
    });
    expect(parsed.Parts).toEqual(
      parts.map((p) => ({
        PartNumber: p.partNumber,
        LastModified: isoOf(p.lastModified),
        ETag: p.etag,
        Size: p.size,
      })),
    );
  });

  it("ListMultipartUploadsResult, with a delimiter and under encoding-type=url", () => {
    const build = (encodingType?: "url") =>
      listMultipartUploadsXml({
        bucket: "b",
        keyMarker: "a b",
        uploadIdMarker: "u-0",
        nextKeyMarker: "c+d",
        nextUploadIdMarker: "u-9",
        prefix: "",
        delimiter: "/",
        maxUploads: 2,
        isTruncated: true,
        ...(encodingType && { encodingType }),
        owner: OWNER,
        uploads: [
          { key: "a b", uploadId: "u-1", initiated: AT },
          { key: "c+d", uploadId: "u-9", initiated: AT + 1 },
        ],
        commonPrefixes: ["dir one/"],
      });
    const plain = parse("ListMultipartUploads", build());
    expect(plain).toMatchObject({
      Bucket: "b",
      KeyMarker: "a b",
      UploadIdMarker: "u-0",
      NextKeyMarker: "c+d",
      NextUploadIdMarker: "u-9",
      Prefix: "",
      Delimiter: "/",
      MaxUploads: 2,
      IsTruncated: true,
      CommonPrefixes: [{ Prefix: "dir one/" }],
    });
    expect(plain.Uploads).toEqual([
      {
        Key: "a b",
        UploadId: "u-1",
        Initiator: { ID: "edgeos", DisplayName: "edgeos" },
        Owner: { ID: "edgeos", DisplayName: "edgeos" },
        StorageClass: "STANDARD",
        Initiated: AT_ISO,
      },
      expect.objectContaining({ Key: "c+d", UploadId: "u-9", Initiated: isoOf(AT + 1) }),
    ]);
    const encoded = parse("ListMultipartUploads", build("url"));
    expect(encoded).toMatchObject({
      EncodingType: "url",
      KeyMarker: "a%20b",
      NextKeyMarker: "c%2Bd",
      CommonPrefixes: [{ Prefix: "dir%20one/" }],
    });
    expect((encoded.Uploads as { Key: string }[]).map((u) => u.Key)).toEqual(["a%20b", "c%2Bd"]);
  });
});

describe("bucket and object answers", () => {
  it("ListAllMyBucketsResult", () => {
    const parsed = parse(
      "ListBuckets",
      listBucketsXml({
        owner: OWNER,
        buckets: [
          { name: "alpha", createdAt: AT },
          { name: "beta-2", createdAt: AT + 1 },
        ],
      }),
    );
    expect(parsed.Owner).toEqual({ ID: "edgeos", DisplayName: "edgeos" });
    expect(parsed.Buckets).toEqual([
      { Name: "alpha", CreationDate: AT_ISO },
      { Name: "beta-2", CreationDate: isoOf(AT + 1) },
    ]);
  });

  it("CopyObjectResult and CopyPartResult", () => {
    const etag = '"9b2cf535f27731c974343645a3985328"';
    expect(
      parse("CopyObject", copyObjectResultXml({ etag, lastModified: AT })).CopyObjectResult,
    ).toEqual({ ETag: etag, LastModified: AT_ISO });
    expect(
      parse("UploadPartCopy", copyPartResultXml({ etag, lastModified: AT })).CopyPartResult,
    ).toEqual({ ETag: etag, LastModified: AT_ISO });
  });

  it("DeleteResult, and its quiet form without Deleted", () => {
    const errors = [{ key: "a&b", code: "AccessDenied", message: "Access Denied" }];
    const loud = parse(
      "DeleteObjects",
      deleteResultXml({ deleted: [{ key: "x y" }, { key: "<z>" }], errors }),
    );
    expect(loud.Deleted).toEqual([{ Key: "x y" }, { Key: "<z>" }]);
    expect(loud.Errors).toEqual([{ Key: "a&b", Code: "AccessDenied", Message: "Access Denied" }]);
    const quiet = parse("DeleteObjects", deleteResultXml({ deleted: [], errors }));
    expect(quiet.Deleted).toBeUndefined();
    expect(quiet.Errors).toHaveLength(1);
  });

  it("LocationConstraint: empty for us-east-1, the region otherwise", () => {
    expect(parse("GetBucketLocation", locationXml("us-east-1")).LocationConstraint).toBeNull();
    expect(parse("GetBucketLocation", locationXml("eu-west-1")).LocationConstraint).toBe(
      "eu-west-1",
    );
    expect(locationXml("us-east-1")).toContain(
      `<LocationConstraint xmlns="${S3_XMLNS}"></LocationConstraint>`,
    );
  });

  it("VersioningConfiguration of a never-versioned bucket is empty", () => {
    const parsed = parse("GetBucketVersioning", unversionedXml());
    expect(parsed.Status).toBeUndefined();
    expect(readXml(unversionedXml())).toEqual({
      name: "VersioningConfiguration",
      children: [],
      text: "",
    });
  });
});
