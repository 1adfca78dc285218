/**
 * The one error format of the API: RFC 9457 problem details. Every failure a handler or
 * middleware raises is a `ProblemError`; the app's single `onError` turns it (and any
 * unexpected exception, as a bare 500 without internals) into `application/problem+json`.
 */
import { PROBLEM_TYPES, type ProblemKind } from "../../shared/rpc-result";

export { PROBLEM_TYPES, type ProblemKind };

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
