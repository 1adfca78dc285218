/**
 * The file system's problems as S3 errors. The namespace and the chunk store raise the
 * API's `ProblemError`s; an S3 client must see S3's codes instead, chosen by what the
 * operation was about (a missing volume is `NoSuchBucket`, a missing file `NoSuchKey`, a
 * missing session `NoSuchUpload`).
 */
import { isFsReadOp } from "../../shared/fs/read-ops";
import type { FsOp, FsOpKind, FsSuccessOf } from "../../shared/fs/types";
import { S3Error } from "../../shared/s3/s3-errors";
import { fsCall } from "../fs/namespace-calls";
import { resolveVolume, type VolumeRef } from "../fs/volume-directory";
import { ProblemError } from "../gateway/problem";

/** What a not-found problem means to the S3 operation that got it. */
export type MissingThing = "NoSuchKey" | "NoSuchUpload";

/**
 * `error` as an S3 error: a `ProblemError` mapped by kind (the field says whether a
 * not-found was the bucket), an `S3Error` unchanged, anything else rethrown for the
 * front door's `InternalError`.
 */
export function s3ErrorOf(error: unknown, missing: MissingThing = "NoSuchKey"): S3Error {
  if (error instanceof S3Error) return error;
  if (!(error instanceof ProblemError)) throw error;
  const detail = error.message;
  switch (error.kind) {
    case "not-found":
      return new S3Error(error.options.field === "volume" ? "NoSuchBucket" : missing, detail);
    case "precondition-failed":
      return new S3Error("PreconditionFailed", detail);
    case "payload-too-large":
      return new S3Error("EntityTooLarge", detail);
    case "conflict":
      return new S3Error("OperationAborted", detail);
    case "too-many-requests":
      return new S3Error("SlowDown", detail);
    case "unavailable":
      return new S3Error("ServiceUnavailable", detail);
    case "bad-request":
    case "validation-failed":
    case "malformed-json":
      return new S3Error("InvalidArgument", detail);
    default:
      throw error;
  }
}

/** Runs `call`, raising its failure as an S3 error. */
export async function s3Call<T>(call: () => Promise<T>, missing?: MissingThing): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw s3ErrorOf(error, missing);
  }
}

/**
 * Runs `op` on the bucket's volume — through the log unless it only reads — with its
 * failure as an S3 error.
 */
export function bucketOp<K extends FsOpKind>(
  env: Env,
  volume: VolumeRef,
  op: Extract<FsOp, { kind: K }>,
  missing?: MissingThing,
): Promise<FsSuccessOf<K>> {
  const options = { write: !isFsReadOp(op.kind), fieldOf: (field: string) => field };
  return s3Call(() => fsCall(env, volume.group, volume.name, op, options), missing);
}

/** The bucket's volume; `NoSuchBucket` when there is none. */
export async function bucketVolume(env: Env, bucket: string): Promise<VolumeRef> {
  try {
    return await resolveVolume(env, bucket);
  } catch (error) {
    if (error instanceof ProblemError && error.kind === "not-found") {
      throw new S3Error("NoSuchBucket", `bucket ${bucket} does not exist`);
    }
    throw s3ErrorOf(error);
  }
}
