/**
 * The worked examples of the Amazon S3 API Reference, verified as published: "Signature
 * Calculations for the Authorization Header: Transferring Payload in a Single Chunk"
 * (sig-v4-header-based-auth.html: GET Object with Range, PUT Object, GET Bucket Lifecycle,
 * GET Bucket (List Objects)), "Authenticating Requests: Using Query Parameters"
 * (sigv4-query-string-auth.html: the presigned GET) and "Transferring Payload in Multiple
 * Chunks" (sigv4-streaming.html: the seed and the 64 KiB, 1 KiB and final chunk
 * signatures). All use access key AKIAIOSFODNN7EXAMPLE, the documentation's secret,
 * 2013-05-24T00:00:00Z, us-east-1 and the bucket examplebucket.
 */
import { describe, expect, it } from "vitest";
import { decodeAwsChunked } from "../../../shared/s3/aws-chunked";
import { verifySigV4 } from "../../../shared/s3/sigv4";
import { drain, streamOf } from "./aws-chunked-encoder";

const KEYS = new Map([["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]]);
const NOW = Date.UTC(2013, 4, 24);
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const CREDENTIAL = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

function authorization(signedHeaders: string, signature: string): string {
  return `AWS4-HMAC-SHA256 Credential=${CREDENTIAL},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

function request(method: string, url: string, headers: Record<string, string>) {
  return { method, url: new URL(url), headers: new Headers(headers) };
}

describe("the S3 documentation's signed examples", () => {
  it("GET Object with Range", async () => {
    const verdict = await verifySigV4(
      request("GET", "https://examplebucket.s3.amazonaws.com/test.txt", {
        host: "examplebucket.s3.amazonaws.com",
        range: "bytes=0-9",
        "x-amz-content-sha256": EMPTY,
        "x-amz-date": "20130524T000000Z",
        authorization: authorization(
          "host;range;x-amz-content-sha256;x-amz-date",
          "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        ),
      }),
      KEYS,
      NOW,
    );
    expect(verdict).toEqual({
      ok: true,
      accessKey: "AKIAIOSFODNN7EXAMPLE",
      payload: { kind: "sha256", hex: EMPTY },
    });
  });

  it("PUT Object of test$file.text (the path's $ signed as %24), with a Date header", async () => {
    for (const path of ["/test$file.text", "/test%24file.text"]) {
      const verdict = await verifySigV4(
        request("PUT", `https://examplebucket.s3.amazonaws.com${path}`, {
          host: "examplebucket.s3.amazonaws.com",
          date: "Fri, 24 May 2013 00:00:00 GMT",
          "x-amz-date": "20130524T000000Z",
          "x-amz-storage-class": "REDUCED_REDUNDANCY",
          "x-amz-content-sha256":
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
          authorization: authorization(
            "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
          ),
        }),
        KEYS,
        NOW,
      );
      expect(verdict.ok, path).toBe(true);
    }
  });

  it("GET Bucket Lifecycle (a bare query name) and List Objects (a sorted query)", async () => {
    const cases = [
      ["/?lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"],
      ["/?max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"],
    ] as const;
    for (const [path, signature] of cases) {
      const verdict = await verifySigV4(
        request("GET", `https://examplebucket.s3.amazonaws.com${path}`, {
          host: "examplebucket.s3.amazonaws.com",
          "x-amz-content-sha256": EMPTY,
          "x-amz-date": "20130524T000000Z",
          authorization: authorization("host;x-amz-content-sha256;x-amz-date", signature),
        }),
        KEYS,
        NOW,
      );
      expect(verdict.ok, path).toBe(true);
    }
  });

  it("the presigned GET of test.txt, valid for 86400 seconds", async () => {
    const url =
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
      "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    const at = (ms: number) =>
      verifySigV4(request("GET", url, { host: "examplebucket.s3.amazonaws.com" }), KEYS, ms);
    expect(await at(NOW + 86_400_000)).toEqual({
      ok: true,
      accessKey: "AKIAIOSFODNN7EXAMPLE",
      payload: { kind: "unsigned" },
    });
    expect(await at(NOW + 86_400_001)).toEqual({
      ok: false,
      code: "AccessDenied",
      message: "Request has expired",
    });
  });

  it("the chunked upload: the seed signature, then each chunk's", async () => {
    const verdict = await verifySigV4(
      request("PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", {
        host: "s3.amazonaws.com",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "content-encoding": "aws-chunked",
        "x-amz-decoded-content-length": "66560",
        "content-length": "66824",
        authorization: authorization(
          "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
          "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        ),
      }),
      KEYS,
      NOW,
    );
    if (!verdict.ok || verdict.payload.kind !== "streaming") throw new Error("not streaming");
    expect(verdict.payload).toMatchObject({ signed: true, trailer: false });
    const body = Buffer.concat([
      Buffer.from(
        "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n",
      ),
      Buffer.alloc(65_536, "a"),
      Buffer.from(
        "\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n",
      ),
      Buffer.alloc(1024, "a"),
      Buffer.from(
        "\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n",
      ),
    ]);
    expect(body.length).toBe(66_824);
    const decoded = decodeAwsChunked(streamOf(new Uint8Array(body), [7, 65_600]), {
      signing: verdict.payload.seed,
      trailer: false,
      decodedLength: 66_560,
    });
    const { bytes, error } = await drain(decoded.stream);
    expect(error).toBeNull();
    expect(Buffer.from(bytes).equals(Buffer.alloc(66_560, "a"))).toBe(true);
    expect(await decoded.trailers).toEqual(new Map());
  });
});
