/**
 * S3's rules for general-purpose bucket names (the S3 user guide's "General purpose bucket
 * naming rules"), and edgeos's one more: a bucket is a volume, and volume names hold no
 * dots (`isValidName` of the file system). The first broken rule is named, in the order a
 * reader would check: length, characters, the ends, then the reserved prefixes and
 * suffixes. S3's rules about dots (no two adjacent, none beside a hyphen, no `.mrap`
 * suffix) and about looking like an IP address are all implied by "no dots"; an IP address
 * still gets a message of its own.
 */
import { isValidName } from "../fs/validate";

/** Shortest bucket name (S3's bound). */
export const MIN_BUCKET_NAME_LENGTH = 3;

/** Longest bucket name (S3's bound; also the file system's longest volume name). */
export const MAX_BUCKET_NAME_LENGTH = 63;

/** Prefixes S3 reserves (punycode, S3 access points and its documentation examples). */
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];

/**
 * Suffixes S3 reserves (access point aliases, Object Lambda aliases, directory buckets);
 * its fourth, `.mrap` (Multi-Region Access Points), already breaks "no dots".
 */
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3"];

const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Why `name` is not a bucket name here, or null when it is one. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < MIN_BUCKET_NAME_LENGTH || name.length > MAX_BUCKET_NAME_LENGTH) {
    return `a bucket name is ${MIN_BUCKET_NAME_LENGTH} to ${MAX_BUCKET_NAME_LENGTH} characters long`;
  }
  if (IP_ADDRESS.test(name)) return "a bucket name may not be formatted as an IP address";
  if (name.includes(".")) {
    return "a bucket name holds no dots here: buckets are volumes, whose names have none";
  }
  if (/[A-Z]/.test(name)) return "a bucket name has no uppercase letters";
  if (!/^[a-z0-9-]*$/.test(name)) {
    return "a bucket name consists only of lowercase letters, digits and hyphens";
  }
  if (!isValidName(name)) return "a bucket name begins and ends with a letter or digit";
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `a bucket name may not begin with ${prefix}`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix !== undefined) return `a bucket name may not end with ${suffix}`;
  return null;
}
