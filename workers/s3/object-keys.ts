/**
 * How an S3 object key names a file: key `K` of bucket `B` is the file `/K` of volume `B`,
 * so `photos/2024/a.jpg` is the file `a.jpg` in the directory `/photos/2024`, and the same
 * file is reachable through `/v1/volumes/B/files/K` and `edgeos fs`. The file system's path
 * rules therefore apply to keys as well: a key with an empty segment (`a//b`, a trailing
 * `/` — S3 consoles' "folder" markers), a `.` or `..` segment, or a segment over 255 bytes
 * is refused with `InvalidArgument`, and a key cannot name both a file and the directory
 * of other keys (`a` and `a/b`): the second write answers a conflict.
 */

import { parsePath } from "../../shared/fs/paths";
import { utf8Length } from "../../shared/kv/text";
import { S3Error } from "../../shared/s3/s3-errors";

/** S3's bound on a key's length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** The file path of `key`; `S3Error` when the key breaks S3's or the file system's rules. */
export function pathOfKey(key: string): string {
  const bytes = utf8Length(key);
  if (bytes === 0) throw new S3Error("InvalidArgument", "an object key cannot be empty");
  if (bytes > MAX_KEY_BYTES) {
    throw new S3Error("KeyTooLongError", `the key is ${bytes} bytes; at most ${MAX_KEY_BYTES}`);
  }
  const path = `/${key}`;
  const parsed = parsePath(path);
  if (!parsed.ok)
    throw new S3Error("InvalidArgument", `this gateway refuses the key: ${parsed.detail}`);
  if (parsed.directory) {
    throw new S3Error(
      "InvalidArgument",
      "this gateway refuses keys ending in /: a key names a file, and empty folders are not kept",
    );
  }
  return path;
}

/** The key of a file path (`/a/b` → `a/b`). */
export function keyOfPath(path: string): string {
  return path.slice(1);
}
