/** The botocore-signed requests of fixtures/sigv4-fixtures.json, loaded for the tests. */
import { readFileSync } from "node:fs";
import type { PayloadMode } from "../../../shared/s3/sigv4";

/** One signed request of the fixture file. */
export interface Fixture {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  region: string;
  expect: { accessKey: string; payload: Omit<PayloadMode, "seed"> };
  body?: string;
  decodedSha256?: string;
  decodedLength?: number;
  trailers?: Record<string, string>;
}

/** The fixture file. */
export const FIXTURES: {
  accessKey: string;
  secret: string;
  signedAtMs: number;
  fixtures: Fixture[];
} = JSON.parse(readFileSync(new URL("./fixtures/sigv4-fixtures.json", import.meta.url), "utf8"));

/** The keys the fixtures were signed with. */
export const FIXTURE_KEYS = new Map([[FIXTURES.accessKey, FIXTURES.secret]]);

/** A fixture as the verifier reads it. */
export function requestOf(fixture: Fixture) {
  return {
    method: fixture.method,
    url: new URL(fixture.url),
    headers: new Headers(fixture.headers),
  };
}
