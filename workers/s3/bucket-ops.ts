/**
 * Buckets are volumes: ListBuckets lists the volumes whose names are valid bucket names,
 * CreateBucket creates a volume over the default group and ring, DeleteBucket deletes an
 * empty one, HeadBucket, GetBucketLocation and GetBucketVersioning answer whether it
 * exists. A volume made
 * through `/v1/volumes` (over any group and ring) is a bucket too.
 */
import { DEFAULT_GROUP } from "../../shared/consensus/group-config";
import { DEFAULT_RING, DEFAULT_VOLUME } from "../../shared/fs/limits";
import { bucketNameProblem } from "../../shared/s3/bucket-names";
import { S3Error } from "../../shared/s3/s3-errors";
import { parseCreateBucketConfiguration } from "../../shared/s3/s3-requests";
import { listBucketsXml, locationXml, unversionedXml } from "../../shared/s3/s3-responses";
import { MAX_XML_REQUEST_BYTES } from "../../shared/s3/xml-reader";
import { createVolume, deleteVolume, listVolumes } from "../fs/volume-directory";
import { ProblemError } from "../gateway/problem";
import { bucketVolume, s3Call, s3ErrorOf } from "./fs-problems";
import { bodyText } from "./request-body";
import { bucketOf, type S3Call } from "./s3-call";
import { xmlResponse } from "./xml-response";

/** The region this gateway answers for GetBucketLocation (S3's empty constraint is us-east-1). */
export const S3_REGION = "us-east-1";

/** The owner every bucket is listed with: there is one tenant. */
export const S3_OWNER = { id: "edgeos", displayName: "edgeos" };

/** ListBuckets. */
export async function listBuckets(call: S3Call): Promise<Response> {
  const volumes = await s3Call(() => listVolumes(call.env));
  const buckets = volumes
    .filter((v) => bucketNameProblem(v.name) === null)
    .map((v) => ({ name: v.name, createdAt: v.createdAt }));
  return xmlResponse(listBucketsXml({ owner: S3_OWNER, buckets }));
}

/** CreateBucket: a volume over the default group and ring. */
export async function createBucket(call: S3Call): Promise<Response> {
  const bucket = bucketOf(call);
  const problem = bucketNameProblem(bucket);
  if (problem !== null) throw new S3Error("InvalidBucketName", problem);
  parseCreateBucketConfiguration(await bodyText(call.body, MAX_XML_REQUEST_BYTES));
  if (bucket === DEFAULT_VOLUME) throw alreadyOwned(bucket);
  try {
    await createVolume(call.env, { name: bucket, group: DEFAULT_GROUP.name, ring: DEFAULT_RING });
  } catch (error) {
    if (
      error instanceof ProblemError &&
      error.kind === "conflict" &&
      error.message.includes("already exists")
    ) {
      throw alreadyOwned(bucket);
    }
    throw s3ErrorOf(error);
  }
  return new Response(null, { status: 200, headers: { location: `/${bucket}` } });
}

/** DeleteBucket: only an empty one, and never `default`. */
export async function deleteBucket(call: S3Call): Promise<Response> {
  const bucket = bucketOf(call);
  const volume = await bucketVolume(call.env, bucket);
  if (bucket === DEFAULT_VOLUME) {
    throw new S3Error("AccessDenied", "the default bucket is the default volume and always exists");
  }
  try {
    await deleteVolume(call.env, volume);
  } catch (error) {
    if (error instanceof ProblemError && error.kind === "conflict") {
      throw new S3Error("BucketNotEmpty", "The bucket you tried to delete is not empty");
    }
    throw error;
  }
  return new Response(null, { status: 204 });
}

/** HeadBucket. */
export async function headBucket(call: S3Call): Promise<Response> {
  await bucketVolume(call.env, bucketOf(call));
  return new Response(null, { status: 200, headers: { "x-amz-bucket-region": S3_REGION } });
}

/** GetBucketVersioning: buckets here are never versioned. */
export async function bucketVersioning(call: S3Call): Promise<Response> {
  await bucketVolume(call.env, bucketOf(call));
  return xmlResponse(unversionedXml());
}

/** GetBucketLocation. */
export async function bucketLocation(call: S3Call): Promise<Response> {
  await bucketVolume(call.env, bucketOf(call));
  return xmlResponse(locationXml(S3_REGION));
}

function alreadyOwned(bucket: string): S3Error {
  return new S3Error(
    "BucketAlreadyOwnedByYou",
    `Your previous request to create the named bucket succeeded and you already own it: ${bucket}`,
  );
}
