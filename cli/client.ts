/**
 * A small HTTP client for the edgeos API: adds the bearer token, parses JSON, and turns
 * problem responses and connection failures into one-line `CliError`s.
 */
import { CliError } from "./command";

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
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(`cannot reach edgeos at ${this.baseUrl}: ${causeOf(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw new CliError(describeFailure(response, text));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`edgeos at ${this.baseUrl} answered ${method} ${path} with non-JSON`);
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }
}

function describeFailure(response: Response, text: string): string {
  if (response.headers.get("content-type")?.includes("problem+json")) {
    const problem = JSON.parse(text) as Problem;
    const field = problem.field ? ` [${problem.field}]` : "";
    return `${response.status} ${problem.title ?? response.statusText}: ${problem.detail ?? ""}${field}`;
  }
  return `${response.status} ${response.statusText}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
