/**
 * The S3 access keys a deployment accepts, from the secret or var `EDGEOS_S3_KEYS`: a
 * comma-separated list of `ACCESS_KEY:SECRET` pairs (spaces around each trimmed). A
 * malformed list is refused whole, so a typo never leaves a key silently unusable.
 */

/** Longest access key accepted (AWS's own are 16 to 128 characters). */
export const MAX_ACCESS_KEY_LENGTH = 128;

/** Longest secret accepted. */
export const MAX_SECRET_LENGTH = 256;

const ACCESS_KEY = /^[A-Za-z0-9._-]+$/;

/** Access key → secret; empty when the variable is unset or blank. */
export function parseS3Keys(text: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  if (text === undefined || text.trim() === "") return keys;
  for (const [i, pair] of text.split(",").entries()) {
    const colon = pair.indexOf(":");
    const accessKey = (colon === -1 ? pair : pair.slice(0, colon)).trim();
    const secret = colon === -1 ? "" : pair.slice(colon + 1).trim();
    const where = `EDGEOS_S3_KEYS pair ${i + 1}`;
    if (accessKey === "" || secret === "") throw new Error(`${where} is not ACCESS_KEY:SECRET`);
    if (accessKey.length > MAX_ACCESS_KEY_LENGTH || !ACCESS_KEY.test(accessKey)) {
      throw new Error(
        `${where}: an access key is 1 to ${MAX_ACCESS_KEY_LENGTH} of A-Z a-z 0-9 . _ -`,
      );
    }
    if (secret.length > MAX_SECRET_LENGTH)
      throw new Error(`${where}: a secret is at most ${MAX_SECRET_LENGTH} characters`);
    if (keys.has(accessKey)) throw new Error(`${where} repeats the access key ${accessKey}`);
    keys.set(accessKey, secret);
  }
  return keys;
}
