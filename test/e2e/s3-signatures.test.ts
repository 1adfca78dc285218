import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEBIAN_PYTHON, ensureS3Clients } from "./s3-clients";

const baseUrl = inject("baseUrl");
const key = inject("s3Key");
const token = inject("token");
const SIGNER = fileURLToPath(new URL("./s3/sign.py", import.meta.url));
const BUCKET = "signature-tests";

interface Signed {
  url: string;
  headers: Record<string, string>;
}

/** Signs a request with botocore (not with the code under test). */
function sign(spec: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  form?: "header" | "presigned";
  expires?: number;
  skewSeconds?: number;
  accessKey?: string;
}): Signed {
  const input = JSON.stringify({
    accessKey: key.accessKey,
    secret: key.secret,
    ...spec,
    url: `${baseUrl}/s3${spec.path}`,
  });
  return JSON.parse(execFileSync(DEBIAN_PYTHON, [SIGNER], { input }).toString());
}

async function send(
  signed: Signed,
  init: { method: string; body?: string; headers?: Record<string, string> },
) {
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(signed.url, {
    method: init.method,
    body: init.body,
    headers: { ...headers, ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? null, text };
}

/** Whether the key exists, asked through the native API (not through S3). */
async function stored(path: string): Promise<boolean> {
  const answer = await fetch(`${baseUrl}/v1/volumes/${BUCKET}/files${path}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}` },
  });
  return answer.status === 200;
}

const putSpec = (path: string, body: string) => ({
  method: "PUT",
  path: `/${BUCKET}${path}`,
  body,
  headers: { "content-type": "text/plain", "x-amz-meta-colour": "blue" },
});

beforeAll(async () => {
  ensureS3Clients();
  const made = await send(sign({ method: "PUT", path: `/${BUCKET}` }), { method: "PUT" });
  expect(made.status).toBe(200);
});

describe("SigV4 at the S3 endpoint, signed by botocore", () => {
  it("accepts a correctly signed PUT and GET", async () => {
    const put = await send(sign(putSpec("/ok.txt", "hello")), { method: "PUT", body: "hello" });
    expect(put.status).toBe(200);
    const got = await send(sign({ method: "GET", path: `/${BUCKET}/ok.txt` }), { method: "GET" });
    expect(got.text).toBe("hello");
  });

  it("accepts a GET that signs Accept-Encoding, which the runtime rewrites (rclone signs it)", async () => {
    await send(sign(putSpec("/gzip.txt", "zipped")), { method: "PUT", body: "zipped" });
    const signed = sign({
      method: "GET",
      path: `/${BUCKET}/gzip.txt`,
      headers: { "accept-encoding": "gzip" },
    });
    expect(signed.headers.Authorization).toContain("accept-encoding");
    const got = await send(signed, { method: "GET" });
    expect(got.status).toBe(200);
    expect(got.text).toBe("zipped");
  });

  it("refuses a tampered header with SignatureDoesNotMatch and stores nothing", async () => {
    const signed = sign(putSpec("/header.txt", "hello"));
    const answer = await send(signed, {
      method: "PUT",
      body: "hello",
      headers: { "x-amz-meta-colour": "red" },
    });
    expect([answer.status, answer.code]).toEqual([403, "SignatureDoesNotMatch"]);
    expect(await stored("/header.txt")).toBe(false);
  });

  it("refuses a tampered body (its signed SHA-256 differs) and stores nothing", async () => {
    const signed = sign(putSpec("/body.txt", "hello"));
    const answer = await send(signed, { method: "PUT", body: "HELLO" });
    expect([answer.status, answer.code]).toEqual([400, "XAmzContentSHA256Mismatch"]);
    expect(await stored("/body.txt")).toBe(false);
  });

  it("refuses a tampered date, and a date outside the skew bound, and stores nothing", async () => {
    const signed = sign(putSpec("/date.txt", "hello"));
    const date = signed.headers["X-Amz-Date"] as string;
    const earlier = `${date.slice(0, 13)}${date[13] === "0" ? "1" : "0"}${date.slice(14)}`;
    const tampered = await send(signed, {
      method: "PUT",
      body: "hello",
      headers: { "X-Amz-Date": earlier },
    });
    expect([tampered.status, tampered.code]).toEqual([403, "SignatureDoesNotMatch"]);
    const skewed = await send(sign({ ...putSpec("/date.txt", "hello"), skewSeconds: -3600 }), {
      method: "PUT",
      body: "hello",
    });
    expect([skewed.status, skewed.code]).toEqual([403, "RequestTimeTooSkewed"]);
    expect(await stored("/date.txt")).toBe(false);
  });

  it("refuses a tampered signature and an unknown access key, and stores nothing", async () => {
    const signed = sign(putSpec("/sig.txt", "hello"));
    const authorization = signed.headers.Authorization as string;
    const flipped = authorization.replace(
      /Signature=(.)/,
      (_m, c) => `Signature=${c === "0" ? "1" : "0"}`,
    );
    const bad = await send(signed, {
      method: "PUT",
      body: "hello",
      headers: { Authorization: flipped },
    });
    expect([bad.status, bad.code]).toEqual([403, "SignatureDoesNotMatch"]);
    const stranger = await send(
      sign({ ...putSpec("/sig.txt", "hello"), accessKey: "AKIDNOBODY" }),
      { method: "PUT", body: "hello" },
    );
    expect([stranger.status, stranger.code]).toEqual([403, "InvalidAccessKeyId"]);
    expect(await stored("/sig.txt")).toBe(false);
  });

  it("serves a presigned GET, and refuses it tampered or expired", async () => {
    const url = sign({ method: "GET", path: `/${BUCKET}/ok.txt`, form: "presigned" }).url;
    expect(await (await fetch(url)).text()).toBe("hello");
    const other = await fetch(url.replace("/ok.txt", "/other.txt"));
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    const old = sign({
      method: "GET",
      path: `/${BUCKET}/ok.txt`,
      form: "presigned",
      expires: 60,
      skewSeconds: -600,
    });
    const expired = await fetch(old.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("refuses anonymous requests with AccessDenied", async () => {
    const answer = await fetch(`${baseUrl}/s3/${BUCKET}/ok.txt`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("<Code>AccessDenied</Code>");
    const put = await fetch(`${baseUrl}/s3/${BUCKET}/anon.txt`, { method: "PUT", body: "x" });
    expect(put.status).toBe(403);
    expect(await stored("/anon.txt")).toBe(false);
  });
});
