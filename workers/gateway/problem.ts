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

/**
 * Reason phrases (RFC 9110, 6585, 7725) of the client-error statuses the catalogue has no
 * kind for; they title `about:blank` problems, as RFC 9457 recommends.
 */
const CLIENT_ERROR_PHRASES: Readonly<Record<number, string>> = {
  402: "Payment required",
  403: "Forbidden",
  406: "Not acceptable",
  407: "Proxy authentication required",
  408: "Request timeout",
  410: "Gone",
  411: "Length required",
  412: "Precondition failed",
  414: "URI too long",
  416: "Range not satisfiable",
  417: "Expectation failed",
  421: "Misdirected request",
  422: "Unprocessable content",
  426: "Upgrade required",
  428: "Precondition required",
  429: "Too many requests",
  431: "Request header fields too large",
  451: "Unavailable for legal reasons",
};

/**
 * A failure that becomes a problem response; safe to show to the caller as is. It is made
 * from a kind of the catalogue, or from a bare HTTP status (a framework error's): that
 * status's kind when the catalogue has one, else a kind-less problem of that status.
 */
export class ProblemError extends Error {
  /** The catalogue kind; null for a status the catalogue has no kind for. */
  readonly kind: ProblemKind | null;
  /** The HTTP status; the kind's own whenever there is a kind. */
  readonly status: number;
  readonly options: ProblemOptions;

  constructor(kindOrStatus: ProblemKind | number, detail: string, options: ProblemOptions = {}) {
    super(detail);
    if (typeof kindOrStatus === "number") {
      this.kind = kindOfStatus(kindOrStatus);
      this.status = kindOrStatus;
    } else {
      this.kind = kindOrStatus;
      this.status = PROBLEM_TYPES[kindOrStatus].status;
    }
    this.options = options;
  }

  /** The problem's `type` URI: its entry on `/docs`, or RFC 9457's `about:blank`. */
  get type(): string {
    return this.kind === null ? "about:blank" : `/docs#problem-${this.kind}`;
  }

  /** The problem's `title`: the kind's, or the status's reason phrase. */
  get title(): string {
    if (this.kind !== null) return PROBLEM_TYPES[this.kind].title;
    return CLIENT_ERROR_PHRASES[this.status] ?? `HTTP ${this.status}`;
  }
}

/** The catalogue's first kind with `status` (`bad-request` for 400), or null. */
function kindOfStatus(status: number): ProblemKind | null {
  const entry = Object.entries(PROBLEM_TYPES).find(([, type]) => type.status === status);
  return entry ? (entry[0] as ProblemKind) : null;
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
    type: problem.type,
    title: problem.title,
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
