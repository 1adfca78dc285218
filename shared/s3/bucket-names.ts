/**
 * S3's rules for general-purpose bucket names, and edgeos's one more: a bucket is a
 * volume, and volume names hold no dots. Rules from the S3 user guide's "Bucket naming
 * rules".
 */
import { isValidName } from "../fs/validate";

/** S3's bounds on a bucket name's length. */
export const MIN_BUCKET_NAME_LENGTH = 3;
export const MAX_BUCKET_NAME_LENGTH = 63;

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

/** Why `name` is not a bucket name, or null when it is one. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < MIN_BUCKET_NAME_LENGTH || name.length > MAX_BUCKET_NAME_LENGTH) {
    return `a bucket name is ${MIN_BUCKET_NAME_LENGTH} to ${MAX_BUCKET_NAME_LENGTH} characters long`;
  }
  if (name.includes("."))
    return "a bucket name holds no dots here: buckets are volumes, whose names have none";
  if (!isValidName(name)) {
    return "a bucket name is lowercase letters, digits and hyphens, and begins and ends with a letter or digit";
  }
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `a bucket name may not begin with ${prefix}`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `a bucket name may not end with ${suffix}`;
  return null;
}
