/**
 * S3's XML request bodies, read and checked: CompleteMultipartUpload's part list,
 * DeleteObjects' key list, CreateBucketConfiguration's location. Shapes from the S3 API
 * reference; a body of another shape is `MalformedXML`, as S3 answers.
 */
import { S3Error } from "./s3-errors";
import { MAX_PARTS } from "./s3-responses";
import { childNamed, readXml, type XmlNode } from "./xml-reader";

/** Most keys one DeleteObjects may name (S3's bound). */
export const MAX_DELETE_KEYS = 1000;

/** One part a completion names; the ETag without its quotes. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** The parts of a CompleteMultipartUpload body: at least one, ascending, each 1..MAX_PARTS. */
export function parseCompleteMultipartUpload(text: string): CompletedPart[] {
  const root = rootNamed(text, "CompleteMultipartUpload");
  const parts = root.children.filter((c) => c.name === "Part");
  if (parts.length === 0) throw malformed("a completion names at least one part");
  const read = parts.map((part) => {
    const number = childNamed(part, "PartNumber")?.text.trim() ?? "";
    const etag = childNamed(part, "ETag")?.text.trim();
    if (!/^\d{1,5}$/.test(number) || etag === undefined)
      throw malformed("each Part has a PartNumber and an ETag");
    const partNumber = Number(number);
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw new S3Error(
        "InvalidArgument",
        `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`,
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

/** The keys of a DeleteObjects body, and whether the answer is quiet. */
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

/** The LocationConstraint of a CreateBucket body (null for an empty body). */
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
