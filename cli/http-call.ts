/**
 * One HTTP exchange with a small body, over `node:http` (or `node:https`). The CLI's JSON
 * calls use this rather than `fetch` because on Node 20 the first `fetch` of a process
 * loads and compiles undici, about 150 ms of CPU, which would be most of a short
 * command's run (`edgeos status`); streams (file transfers, watch) still use `fetch`.
 */
import type { IncomingMessage, RequestOptions } from "node:http";

/** What came back: status line, media type, and the body as text. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
  /** The `Retry-After` header in seconds, when the answer has a valid one. */
  retryAfterSeconds?: number;
}

/** Sends `body` (if any) to `url` and reads the whole answer; rejects on a network error. */
export async function httpCall(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpAnswer> {
  const { request } =
    url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const options: RequestOptions = { method, headers: { ...headers } };
  if (body !== undefined) {
    (options.headers as Record<string, string>)["content-length"] = String(Buffer.byteLength(body));
  }
  return new Promise<HttpAnswer>((resolve, reject) => {
    const call = request(url, options, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      const retryAfter = Number(response.headers["retry-after"] ?? Number.NaN);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          contentType: String(response.headers["content-type"] ?? ""),
          text: Buffer.concat(chunks).toString("utf8"),
          ...(retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
        }),
      );
    });
    call.on("error", reject);
    call.end(body);
  });
}
