/**
 * S3's XML request bodies, read and checked: CompleteMultipartUpload's part list,
 * DeleteObjects' key list, CreateBucketConfiguration's location. Shapes from the S3 API
 * reference; a body of another shape is `MalformedXML`, as S3 answers. Elements these
 * operations do not need (a part's checksums, an object's VersionId or ETag) are ignored.
 */
import { S3Error } from "./s3-errors";
import { MAX_PARTS } from "./s3-responses";
import { childNamed, readXml, type XmlNode } from "./xml-reader";

/** Most keys one DeleteObjects may name (S3's bound). */
export const MAX_DELETE_KEYS = 1000;

/** One part a completion names; the ETag with its surrounding quotes (if any) removed. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/**
 * The parts of a CompleteMultipartUpload body, in order. `MalformedXML` unless every
 * `Part` has an integer `PartNumber` and an `ETag` and there is at least one;
 * `InvalidArgument` for a part number outside 1..`MAX_PARTS`; `InvalidPartOrder` unless the
 * numbers strictly ascend (a repeated number is out of order too).
 */
export function parseCompleteMultipartUpload(text: string): CompletedPart[] {
  const root = rootNamed(text, "CompleteMultipartUpload");
  const parts = root.children.filter((c) => c.name === "Part");
  if (parts.length === 0) throw malformed("a completion names at least one part");
  const read = parts.map((part) => {
    const number = childNamed(part, "PartNumber")?.text.trim() ?? "";
    const etag = childNamed(part, "ETag")?.text.trim();
    if (!/^[+-]?\d+$/.test(number) || etag === undefined)
      throw malformed("each Part has an integer PartNumber and an ETag");
    const partNumber = Number(number);
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw new S3Error(
        "InvalidArgument",
        `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`,
        { details: { ArgumentName: "partNumber", ArgumentValue: number } },
      );
    }
    return { partNumber, etag: etag.replace(/^"(.*)"$/, "$1") };
  });
  for (let i = 1; i < read.length; i++) {
    if ((read[i] as CompletedPart).partNumber <= (read[i - 1] as CompletedPart).partNumber) {
      throw new S3Error("InvalidPartOrder");
    }
  }
  return read;
}

/**
 * The keys of a DeleteObjects body, in order and exactly as sent (not trimmed), and whether
 * the answer is quiet (`<Quiet>true</Quiet>`). `MalformedXML` for no objects, more than
 * `MAX_DELETE_KEYS`, or an `Object` without a `Key`, as S3 answers.
 */
export function parseDeleteObjects(text: string): { quiet: boolean; keys: string[] } {
  const root = rootNamed(text, "Delete");
  const objects = root.children.filter((c) => c.name === "Object");
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) {
    throw malformed(`a Delete names 1 to ${MAX_DELETE_KEYS} objects`);
  }
  const keys = objects.map((object) => {
    const key = childNamed(object, "Key");
    if (key === undefined) throw malformed("each Object has a Key");
    return key.text;
  });
  const quiet = childNamed(root, "Quiet")?.text.trim().toLowerCase() === "true";
  return { quiet, keys };
}

/**
 * The LocationConstraint of a CreateBucket body: null for an empty body or an empty
 * constraint (both mean us-east-1 to S3).
 */
export function parseCreateBucketConfiguration(text: string): {
  locationConstraint: string | null;
} {
  if (text.trim() === "") return { locationConstraint: null };
  const root = rootNamed(text, "CreateBucketConfiguration");
  const location = childNamed(root, "LocationConstraint")?.text.trim();
  return { locationConstraint: location === undefined || location === "" ? null : location };
}

function rootNamed(text: string, name: string): XmlNode {
  const root = readXml(text);
  if (root.name !== name) throw malformed(`the root element must be ${name}`);
  return root;
}

function malformed(why: string): S3Error {
  return new S3Error(
    "MalformedXML",
    `The XML you provided was not well-formed or did not validate against our published schema: ${why}`,
  );
}
