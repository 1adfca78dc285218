/** One request to the gateway through `SELF`, for the workerd tests. */
import { SELF } from "cloudflare:test";

/** The origin the workerd tests address the gateway at. */
export const GATEWAY = "http://edgeos.test";

/** A decoded answer of the gateway. */
export interface Answer<Body = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: Body;
}

/** Sends `body` (when given) as JSON to `path` under GATEWAY and decodes the JSON answer. */
export function callGateway<Body = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<Body>> {
  return body === undefined
    ? send(method, path, {})
    : send(method, path, { body: JSON.stringify(body), contentType: "application/json" });
}

/** Sends `body` exactly as given, so that malformed JSON and wrong media types can be tried. */
export function sendRaw<Body = Record<string, unknown>>(
  method: string,
  path: string,
  body: string,
  contentType: string,
): Promise<Answer<Body>> {
  return send(method, path, { body, contentType });
}

async function send<Body>(
  method: string,
  path: string,
  raw: { body?: string; contentType?: string },
): Promise<Answer<Body>> {
  const response = await SELF.fetch(`${GATEWAY}${path}`, {
    method,
    headers: raw.contentType ? { "content-type": raw.contentType } : {},
    body: raw.body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Body,
  };
}
