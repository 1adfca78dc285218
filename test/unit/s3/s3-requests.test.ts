/**
 * S3's request bodies read and checked: S3's documented examples, the bodies botocore
 * sends (so the AWS CLI and boto3), and S3's answers to bad ones — MalformedXML for a bad
 * shape or too many keys, InvalidPartOrder, InvalidArgument for a part number out of range.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { S3Error, type S3ErrorCode } from "../../../shared/s3/s3-errors";
import {
  MAX_DELETE_KEYS,
  parseCompleteMultipartUpload,
  parseCreateBucketConfiguration,
  parseDeleteObjects,
} from "../../../shared/s3/s3-requests";
import { MAX_PARTS } from "../../../shared/s3/s3-responses";
import { ensureBotocore, serializeWithBotocore } from "./botocore";

/** The code `run` fails with (fails the test if it does not). */
function codeOf(run: () => unknown): S3ErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(S3Error);
    return (error as S3Error).code;
  }
  throw new Error("no error");
}

const complete = (parts: string) => `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`;
const part = (n: string | number, etag = '"e"') =>
  `<Part><PartNumber>${n}</PartNumber><ETag>${etag}</ETag></Part>`;
const del = (inner: string) => `<Delete>${inner}</Delete>`;
const object = (key: string) => `<Object><Key>${key}</Key></Object>`;

beforeAll(() => ensureBotocore());

describe("parseCompleteMultipartUpload", () => {
  it("reads S3's documented example (S3 API reference, CompleteMultipartUpload)", () => {
    const body = `<CompleteMultipartUpload>
  <Part>
    <PartNumber>1</PartNumber>
    <ETag>"a54357aff0632cce46d942af68356b38"</ETag>
  </Part>
  <Part>
    <PartNumber>2</PartNumber>
    <ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag>
  </Part>
  <Part>
    <PartNumber>3</PartNumber>
    <ETag>"acbd18db4cc2f85cedef654fccc4a4d8"</ETag>
  </Part>
</CompleteMultipartUpload>`;
    expect(parseCompleteMultipartUpload(body)).toEqual([
      { partNumber: 1, etag: "a54357aff0632cce46d942af68356b38" },
      { partNumber: 2, etag: "0c78aef83f66abc1fa1e8477f296d394" },
      { partNumber: 3, etag: "acbd18db4cc2f85cedef654fccc4a4d8" },
    ]);
  });

  it("reads what botocore sends: namespace, checksums, ETag after or before the number", () => {
    const body = serializeWithBotocore("CompleteMultipartUpload", {
      Bucket: "b",
      Key: "k",
      UploadId: "u",
      MultipartUpload: {
        Parts: [
          { ETag: '"aaa"', PartNumber: 1, ChecksumCRC32: "AAAAAA==" },
          { ETag: '"bbb"', PartNumber: 7 },
          { ETag: "ccc", PartNumber: MAX_PARTS },
        ],
      },
    });
    expect(body).toContain('xmlns="http://s3.amazonaws.com/doc/2006-03-01/"');
    expect(parseCompleteMultipartUpload(body)).toEqual([
      { partNumber: 1, etag: "aaa" },
      { partNumber: 7, etag: "bbb" },
      { partNumber: MAX_PARTS, etag: "ccc" },
    ]);
  });

  it("strips only one pair of surrounding quotes, escaped or not, and trims space", () => {
    expect(parseCompleteMultipartUpload(complete(part(1, " &quot;x&quot; ")))).toEqual([
      { partNumber: 1, etag: "x" },
    ]);
    expect(parseCompleteMultipartUpload(complete(part(1, '""x""')))[0]?.etag).toBe('"x"');
  });

  it("is MalformedXML for another root, no parts, or a part without number or ETag", () => {
    expect(codeOf(() => parseCompleteMultipartUpload("<Delete/>"))).toBe("MalformedXML");
    expect(codeOf(() => parseCompleteMultipartUpload(complete("")))).toBe("MalformedXML");
    expect(codeOf(() => parseCompleteMultipartUpload(""))).toBe("MalformedXML");
    expect(codeOf(() => parseCompleteMultipartUpload("not xml"))).toBe("MalformedXML");
    const noEtag = complete("<Part><PartNumber>1</PartNumber></Part>");
    expect(codeOf(() => parseCompleteMultipartUpload(noEtag))).toBe("MalformedXML");
    const noNumber = complete('<Part><ETag>"e"</ETag></Part>');
    expect(codeOf(() => parseCompleteMultipartUpload(noNumber))).toBe("MalformedXML");
    for (const n of ["one", "1.5", "", "0x1"]) {
      expect(
        codeOf(() => parseCompleteMultipartUpload(complete(part(n)))),
        n,
      ).toBe("MalformedXML");
    }
  });

  it(`is InvalidArgument for a part number outside 1..${MAX_PARTS}`, () => {
    for (const n of [0, -1, MAX_PARTS + 1, 99_999_999]) {
      expect(
        codeOf(() => parseCompleteMultipartUpload(complete(part(n)))),
        String(n),
      ).toBe("InvalidArgument");
    }
    expect(parseCompleteMultipartUpload(complete(part(1) + part(MAX_PARTS)))).toHaveLength(2);
  });

  it("is InvalidPartOrder unless part numbers strictly ascend", () => {
    expect(codeOf(() => parseCompleteMultipartUpload(complete(part(2) + part(1))))).toBe(
      "InvalidPartOrder",
    );
    expect(codeOf(() => parseCompleteMultipartUpload(complete(part(1) + part(1))))).toBe(
      "InvalidPartOrder",
    );
    expect(parseCompleteMultipartUpload(complete(part(1) + part(3) + part(9)))).toHaveLength(3);
  });
});

describe("parseDeleteObjects", () => {
  it("reads S3's documented example (S3 API reference, DeleteObjects)", () => {
    const body = `<Delete>
  <Object>
    <Key>sample1.txt</Key>
  </Object>
  <Object>
    <Key>sample2.txt</Key>
  </Object>
</Delete>`;
    expect(parseDeleteObjects(body)).toEqual({
      quiet: false,
      keys: ["sample1.txt", "sample2.txt"],
    });
  });

  it("reads what botocore sends, keys exact (escapes, spaces, unicode; CR LF as LF)", () => {
    const keys = [" lead and trail ", "a&b<c>", "한글/😀", "q?x=1", "crlf\r\nend", "x"];
    const body = serializeWithBotocore("DeleteObjects", {
      Bucket: "b",
      Delete: { Objects: keys.map((Key) => ({ Key, VersionId: "v1" })), Quiet: true },
    });
    expect(parseDeleteObjects(body)).toEqual({
      quiet: true,
      keys: keys.map((k) => k.replace("\r\n", "\n")),
    });
    const loud = serializeWithBotocore("DeleteObjects", {
      Bucket: "b",
      Delete: { Objects: [{ Key: "k" }], Quiet: false },
    });
    expect(parseDeleteObjects(loud).quiet).toBe(false);
  });

  it(`takes ${MAX_DELETE_KEYS} keys and refuses one more as MalformedXML`, () => {
    const keys = Array.from({ length: MAX_DELETE_KEYS + 1 }, (_, i) => object(`k${i}`));
    expect(parseDeleteObjects(del(keys.slice(0, MAX_DELETE_KEYS).join(""))).keys).toHaveLength(
      MAX_DELETE_KEYS,
    );
    expect(codeOf(() => parseDeleteObjects(del(keys.join(""))))).toBe("MalformedXML");
  });

  it("is MalformedXML with no objects, an object without a key, or another root", () => {
    expect(codeOf(() => parseDeleteObjects(del("")))).toBe("MalformedXML");
    expect(codeOf(() => parseDeleteObjects(del("<Quiet>true</Quiet>")))).toBe("MalformedXML");
    expect(codeOf(() => parseDeleteObjects(del("<Object><VersionId>v</VersionId></Object>")))).toBe(
      "MalformedXML",
    );
    expect(codeOf(() => parseDeleteObjects(`<Remove>${object("k")}</Remove>`))).toBe(
      "MalformedXML",
    );
  });

  it("reads Quiet case-insensitively and keeps an empty key for the caller to answer", () => {
    expect(parseDeleteObjects(del(`<Quiet> TRUE </Quiet>${object("k")}`)).quiet).toBe(true);
    expect(parseDeleteObjects(del(`<Quiet>1</Quiet>${object("k")}`)).quiet).toBe(false);
    expect(parseDeleteObjects(del(object(""))).keys).toEqual([""]);
  });
});

describe("parseCreateBucketConfiguration", () => {
  it("reads an empty body and an empty constraint as none (us-east-1)", () => {
    expect(parseCreateBucketConfiguration("")).toEqual({ locationConstraint: null });
    expect(parseCreateBucketConfiguration("  \n")).toEqual({ locationConstraint: null });
    expect(
      parseCreateBucketConfiguration(
        "<CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>",
      ),
    ).toEqual({ locationConstraint: null });
  });

  it("reads what botocore sends", () => {
    const body = serializeWithBotocore("CreateBucket", {
      Bucket: "b",
      CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
    });
    expect(parseCreateBucketConfiguration(body)).toEqual({ locationConstraint: "eu-west-1" });
  });

  it("is MalformedXML for another root or bad XML", () => {
    expect(codeOf(() => parseCreateBucketConfiguration("<Delete/>"))).toBe("MalformedXML");
    expect(codeOf(() => parseCreateBucketConfiguration("<CreateBucketConfiguration>"))).toBe(
      "MalformedXML",
    );
  });
});
