/**
 * Which S3 operation a request is: by method, by whether the path names the service, a
 * bucket or an object, and by the query's subresource (`?uploads`, `?uploadId=`,
 * `?delete`, `?location`, `list-type=2`). Subresources this gateway does not serve (ACLs,
 * policies, setting versioning, tagging, ...) answer `NotImplemented`, never a 500;
 * reading a bucket's versioning answers that it is not versioned.
 */
import { S3Error } from "../../shared/s3/s3-errors";
import {
  bucketLocation,
  bucketVersioning,
  createBucket,
  deleteBucket,
  headBucket,
  listBuckets,
} from "./bucket-ops";
import { deleteObjects } from "./delete-objects";
import { listObjectsV1, listObjectsV2 } from "./list-objects";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
  uploadPartCopy,
} from "./multipart-ops";
import { copyObject, deleteObject, getObject, putObject } from "./object-ops";
import type { S3Call } from "./s3-call";

/** A handler of one operation. */
type Operation = (call: S3Call) => Promise<Response>;

/** Query parameters naming subresources this gateway does not serve. */
const UNSERVED = [
  "acl",
  "accelerate",
  "analytics",
  "attributes",
  "cors",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "tagging",
  "torrent",
  "versioning",
  "versions",
  "website",
];

/** The operation `call` asks for; `NotImplemented` or `MethodNotAllowed` when there is none. */
export function operationOf(call: S3Call): Operation {
  const { method, query, bucket, key } = call;
  // Clients ask before they list (rclone's purge): the answer is "never versioned".
  if (bucket !== null && key === null && method === "GET" && query.has("versioning")) {
    return bucketVersioning;
  }
  const unserved = UNSERVED.find((name) => query.has(name));
  if (unserved !== undefined) throw notImplemented(`the ${unserved} subresource`);
  const version = query.get("versionId");
  if (version !== null && version !== "null") throw notImplemented("object versions");
  if (bucket === null) {
    if (method === "GET") return listBuckets;
    throw notAllowed(method);
  }
  if (key === null) return bucketOperation(method, query);
  return objectOperation(method, query, call.request.headers);
}

function bucketOperation(method: string, query: URLSearchParams): Operation {
  switch (method) {
    case "PUT":
      return createBucket;
    case "DELETE":
      return deleteBucket;
    case "HEAD":
      return headBucket;
    case "GET":
      if (query.has("location")) return bucketLocation;
      if (query.has("uploads")) return listMultipartUploads;
      return query.get("list-type") === "2" ? listObjectsV2 : listObjectsV1;
    case "POST":
      if (query.has("delete")) return deleteObjects;
      throw notImplemented("this bucket POST");
    default:
      throw notAllowed(method);
  }
}

function objectOperation(method: string, query: URLSearchParams, headers: Headers): Operation {
  const session = query.has("uploadId");
  switch (method) {
    case "PUT":
      if (session) {
        return headers.has("x-amz-copy-source") ? uploadPartCopy : uploadPart;
      }
      return headers.has("x-amz-copy-source") ? copyObject : putObject;
    case "GET":
      return session ? listParts : getObject;
    case "HEAD":
      return getObject;
    case "DELETE":
      return session ? abortMultipartUpload : deleteObject;
    case "POST":
      if (query.has("uploads")) return createMultipartUpload;
      if (session) return completeMultipartUpload;
      throw notImplemented("this object POST");
    default:
      throw notAllowed(method);
  }
}

function notImplemented(what: string): S3Error {
  return new S3Error(
    "NotImplemented",
    `A header or query you provided implies functionality that is not implemented: ${what}`,
  );
}

function notAllowed(method: string): S3Error {
  return new S3Error(
    "MethodNotAllowed",
    `The specified method is not allowed against this resource: ${method}`,
  );
}
