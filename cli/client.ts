/**
 * A small HTTP client for the edgeos API: adds the bearer token, parses JSON, and turns
 * problem responses and connection failures into one-line `CliError`s.
 */
import { CliError, ConnectionLost } from "./cli-error";
import { type HttpAnswer, httpCall } from "./http-call";

/**
 * How often a call refused with 429 (the group had too many calls waiting; nothing of this
 * one was done) is sent again after the server's `Retry-After`, and the longest wait.
 */
export const RETRIES_AFTER_429 = 3;
export const MAX_RETRY_AFTER_SECONDS = 5;

/** Problem body fields the CLI shows. */
interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
}

/** Calls the API at `baseUrl`. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  /** Sends a request and returns the parsed JSON body of a 2xx answer. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const text = body === undefined ? undefined : JSON.stringify(body);
    let answer: HttpAnswer;
    for (let attempt = 0; ; attempt++) {
      try {
        answer = await httpCall(method, url, headers, text);
      } catch (error) {
        throw new ConnectionLost(`cannot reach edgeos at ${this.baseUrl}: ${causeOf(error)}`);
      }
      if (answer.status !== 429 || attempt >= RETRIES_AFTER_429) break;
      const wait = Math.min(answer.retryAfterSeconds ?? 1, MAX_RETRY_AFTER_SECONDS);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
    if (answer.status < 200 || answer.status > 299) throw new CliError(describeAnswer(answer));
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw new CliError(`edgeos at ${this.baseUrl} answered ${method} ${path} with non-JSON`);
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  /**
   * Sends raw bytes or none (`body` may be a stream) and returns the response of a 2xx
   * answer unread, for file transfers; any other answer becomes a `CliError`.
   */
  async send(
    method: string,
    path: string,
    init: { body?: ReadableStream<Uint8Array> | Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: init.body,
        ...(init.body instanceof ReadableStream && { duplex: "half" }),
      } as RequestInit);
    } catch (error) {
      throw new CliError(`cannot reach edgeos at ${this.baseUrl}: ${causeOf(error)}`);
    }
    if (!response.ok) throw new CliError(describeFailure(response, await response.text()));
    return response;
  }

  /**
   * Follows a server-sent event stream until the server closes it or `signal` aborts it
   * (then it just ends). `onOpen` runs once the server has accepted the stream. Failing to
   * connect, a 5xx answer, a broken stream and (with `idleMs`) a stream silent for that
   * long throw `ConnectionLost`; any other answer throws a `CliError`.
   */
  async *events(path: string, options: EventStreamOptions = {}): AsyncGenerator<ServerSentEvent> {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const local = new AbortController();
    const stop = () => local.abort();
    options.signal?.addEventListener("abort", stop, { once: true });
    let silent = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      if (options.idleMs === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        local.abort();
      }, options.idleMs);
    };
    try {
      if (options.signal?.aborted) return;
      heard();
      let response: Response;
      try {
        response = await fetch(new URL(path, this.baseUrl), { headers, signal: local.signal });
      } catch (error) {
        if (options.signal?.aborted) return;
        throw new ConnectionLost(
          `cannot reach edgeos at ${this.baseUrl}: ${silent ? "no answer" : causeOf(error)}`,
        );
      }
      if (!response.ok || !response.body) {
        const failure = describeFailure(response, await response.text().catch(() => ""));
        throw response.status >= 500 ? new ConnectionLost(failure) : new CliError(failure);
      }
      options.onOpen?.();
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body) {
          heard();
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const event = parseEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (event) yield event;
            end = buffer.indexOf("\n\n");
          }
        }
      } catch (error) {
        if (options.signal?.aborted) return;
        const why = silent ? `silent for ${options.idleMs} ms` : causeOf(error);
        throw new ConnectionLost(`the stream from edgeos at ${this.baseUrl} broke: ${why}`);
      }
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", stop);
      local.abort();
    }
  }
}

/** How `ApiClient.events` follows a stream. */
export interface EventStreamOptions {
  /** Ends the stream quietly when aborted. */
  signal?: AbortSignal;
  /** Runs once the server has answered 2xx and the stream is open. */
  onOpen?: () => void;
  /** A stream that sends nothing (not even a keep-alive) for this long counts as broken. */
  idleMs?: number;
}

/** One server-sent event. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/** Parses one event block; null for comment-only blocks (keep-alives). */
function parseEvent(block: string): ServerSentEvent | null {
  const event: ServerSentEvent = { event: "message", data: "" };
  let seen = false;
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, "");
    seen = true;
    if (field === "event") event.event = value;
    else if (field === "data") event.data = event.data ? `${event.data}\n${value}` : value;
    else if (field === "id") event.id = value;
  }
  return seen ? event : null;
}

function describeFailure(response: Response, text: string): string {
  return describeAnswer({
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get("content-type") ?? "",
    text,
  });
}

function describeAnswer(answer: HttpAnswer): string {
  if (answer.contentType.includes("problem+json")) {
    try {
      const problem = JSON.parse(answer.text) as Problem;
      const field = problem.field ? ` [${problem.field}]` : "";
      return `${answer.status} ${problem.title ?? answer.statusText}: ${problem.detail ?? ""}${field}`;
    } catch {
      // not the problem it claims to be: fall back to the status line
    }
  }
  return `${answer.status} ${answer.statusText}`;
}

function causeOf(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string; message?: string } };
  return (
    cause?.code ??
    cause?.message ??
    code ??
    (error instanceof Error ? error.message : String(error))
  );
}
