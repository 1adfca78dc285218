/** Helpers for driving the file-system API through `SELF` in the workerd tests. */
import { SELF } from "cloudflare:test";
import { callGateway, GATEWAY } from "../gateway-call";

/** Bytes that differ from chunk to chunk (a seeded xorshift), `size` long. */
export function randomBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A request to `/v1/volumes/{volume}` + `rest`. */
export function volumeRequest(
  method: string,
  volume: string,
  rest: string,
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Response> {
  return SELF.fetch(`${GATEWAY}/v1/volumes/${volume}${rest}`, {
    method,
    headers: init.headers ?? {},
    body: init.body,
  });
}

/** Writes `bytes` at `path` of `volume`. */
export function putFile(
  volume: string,
  path: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return volumeRequest("PUT", volume, `/files${path}`, {
    body: bytes,
    headers: { "content-type": "application/octet-stream", ...headers },
  });
}

/** The SHA-256 of `bytes` in lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Creates ring `name` for a volume to use: Chord, four nodes, r = 3. */
export function createVolumeRing(name: string): ReturnType<typeof callGateway> {
  return callGateway("POST", "/v1/rings", { name, overlay: "chord", nodes: 4, replication: 3 });
}
