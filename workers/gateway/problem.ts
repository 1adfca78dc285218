/**
 * The one error format of the API: RFC 9457 problem details. Every failure a handler or
 * middleware raises is a `ProblemError`; the app's single `onError` turns it (and any
 * unexpected exception, as a bare 500 without internals) into `application/problem+json`.
 */

/** The problem types edgeos answers with; `type` URIs point at their entry on `/docs`. */
export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "Bad request" },
  "malformed-json": { status: 400, title: "Malformed JSON" },
  "validation-failed": { status: 400, title: "Validation failed" },
  unauthorized: { status: 401, title: "Unauthorized" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Media type of every error body. */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Optional parts of a problem beyond its kind and detail. */
export interface ProblemOptions {
  /** The offending field, as a dotted path into the request (`body.jobs.3.lat`, `query.limit`). */
  field?: string;
  /** Extra response headers, such as `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
  /** Extension members added to the body. */
  extensions?: Record<string, unknown>;
}

/** A failure that becomes a problem response; safe to show to the caller as is. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly options: ProblemOptions;

  constructor(kind: ProblemKind, detail: string, options: ProblemOptions = {}) {
    super(detail);
    this.kind = kind;
    this.status = PROBLEM_TYPES[kind].status;
    this.options = options;
  }
}

/** The JSON body of a problem response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  field?: string;
  [extension: string]: unknown;
}

/** Renders a problem as a response for the request at `path` with id `requestId`. */
export function problemResponse(problem: ProblemError, path: string, requestId: string): Response {
  const { field, headers, extensions } = problem.options;
  const body: ProblemBody = {
    ...extensions,
    type: `/docs#problem-${problem.kind}`,
    title: PROBLEM_TYPES[problem.kind].title,
    status: problem.status,
    detail: problem.message,
    instance: path,
    requestId,
    ...(field === undefined ? {} : { field }),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { ...headers, "content-type": PROBLEM_CONTENT_TYPE },
  });
}
