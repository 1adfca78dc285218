/**
 * File transfers of `edgeos fs put|get|cat`, streamed both ways so a file of any size
 * goes through in bounded memory: an upload is one streamed `PUT` up to
 * `SINGLE_PUT_MAX_BYTES`, and an upload session of `PART_BYTES` parts beyond (a request
 * body on the free plan is at most 100 MB); a download is written as it arrives (waiting
 * for the sink to drain) and its size and SHA-256 checked against what the server recorded.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { CliError } from "./cli-error";
import type { ApiClient } from "./client";

const MiB = 1024 * 1024;
/** Largest file sent in one request; larger ones go through an upload session. */
export const SINGLE_PUT_MAX_BYTES = 64 * MiB;
/** Bytes per part of an upload session (64 chunks, under the 128 one part may carry). */
export const PART_BYTES = 64 * MiB;

/**
 * Bytes a download buffers before waiting for the file to drain. With the default 16 KiB,
 * every ~20 KB network read waited for its own disk write (about 30 ms each here): a
 * 200 MiB download took minutes instead of seconds.
 */
export const WRITE_BUFFER_BYTES = 4 * MiB;

/** What the server answers for a written file. */
export interface WrittenFile {
  path: string;
  size: number;
  sha256: string | null;
  etag: string;
  version: number;
  mtime: number;
}

/** Reports bytes moved so far (for a progress line). */
export type Progress = (done: number, total: number) => void;

/** The API path of `remote` (a volume path, `/` added in front if missing) under `kind`. */
export function volumePath(volume: string, kind: "files" | "dirs", remote: string): string {
  const segments = remote.split("/").filter((s) => s !== "");
  const encoded = segments.map(encodeURIComponent).join("/");
  return `/v1/volumes/${encodeURIComponent(volume)}/${kind}${encoded ? `/${encoded}` : ""}`;
}

/** Uploads the local file `local` to `remote` in `volume`. */
export async function uploadFile(
  client: ApiClient,
  volume: string,
  local: string,
  remote: string,
  progress: Progress,
): Promise<WrittenFile> {
  const size = (await stat(local)).size;
  const hash = createHash("sha256");
  let sent = 0;
  const readRange = (start: number, end: number) =>
    Readable.toWeb(
      createReadStream(local, { start, end }).on("data", (chunk) => {
        hash.update(chunk as Buffer);
        sent += chunk.length;
        progress(sent, size);
      }),
    ) as ReadableStream<Uint8Array>;
  const octets = (length: number) => ({
    "content-type": "application/octet-stream",
    "content-length": String(length),
  });
  if (size <= SINGLE_PUT_MAX_BYTES) {
    const body = size === 0 ? new Uint8Array(0) : readRange(0, size - 1);
    const answer = await client.send("PUT", volumePath(volume, "files", remote), {
      body,
      headers: octets(size),
    });
    return (await answer.json()) as WrittenFile;
  }
  const session = await client.request<{ id: string }>(
    "POST",
    `/v1/volumes/${encodeURIComponent(volume)}/uploads`,
    { path: `/${remote.replace(/^\/+/, "")}` },
  );
  const uploads = `/v1/volumes/${encodeURIComponent(volume)}/uploads/${session.id}`;
  try {
    for (let part = 1, start = 0; start < size; part++, start += PART_BYTES) {
      const end = Math.min(size, start + PART_BYTES) - 1;
      await client.send("PUT", `${uploads}/parts/${part}`, {
        body: readRange(start, end),
        headers: octets(end - start + 1),
      });
    }
    return await client.request<WrittenFile>("POST", `${uploads}/complete`, {
      size,
      sha256: hash.digest("hex"),
    });
  } catch (error) {
    await client.send("DELETE", uploads).catch(() => undefined);
    throw error;
  }
}

/**
 * Streams `remote` of `volume` into `sink` (a file path, or a writable such as stdout) and
 * checks the bytes against the file's recorded SHA-256.
 */
export async function downloadFile(
  client: ApiClient,
  volume: string,
  remote: string,
  sink: string | Writable,
  progress: Progress,
): Promise<{ size: number; sha256: string }> {
  const answer = await client.send("GET", volumePath(volume, "files", remote));
  const announced = answer.headers.get("content-length");
  const total = announced === null ? null : Number(announced);
  const expected = answer.headers.get("edgeos-sha256");
  const hash = createHash("sha256");
  const target =
    typeof sink === "string"
      ? createWriteStream(sink, { highWaterMark: WRITE_BUFFER_BYTES })
      : sink;
  let received = 0;
  for await (const chunk of answer.body as ReadableStream<Uint8Array>) {
    hash.update(chunk);
    received += chunk.byteLength;
    progress(received, total ?? received);
    if (!target.write(chunk)) await once(target, "drain");
  }
  if (typeof sink === "string") {
    target.end();
    await finished(target);
  }
  const sha256 = hash.digest("hex");
  if (total !== null && received !== total) {
    throw new CliError(`${remote}: received ${received} of ${total} bytes`);
  }
  if (expected && expected !== sha256) {
    throw new CliError(`${remote}: the bytes received do not match the file's SHA-256`);
  }
  return { size: received, sha256 };
}
