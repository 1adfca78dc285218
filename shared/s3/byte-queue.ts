/**
 * The bytes of a stream, taken by CRLF-ended lines and by counts: what a parser of a
 * framed body (aws-chunked) reads with. It holds only what it has read ahead: the bytes of
 * the read that ended the last thing taken.
 */

/** Why the bytes ran out or did not fit; the caller turns it into its own error. */
export class ByteQueueError extends Error {
  constructor(
    readonly reason: "ended" | "long-line",
    message: string,
  ) {
    super(message);
  }
}

const CR = 13;
const LF = 10;

/** Bytes from a reader, taken by lines and by counts. */
export class ByteQueue {
  /** Read but not yet taken, oldest first; `length` is their total size. */
  private parts: Uint8Array[] = [];
  private length = 0;
  private readonly decoder = new TextDecoder();

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Reads until at least `n` bytes are queued; false when the stream ended first. */
  private async fill(n: number): Promise<boolean> {
    while (this.length < n) {
      const { done, value } = await this.reader.read();
      if (done) return false;
      if (value.byteLength > 0) {
        this.parts.push(value);
        this.length += value.byteLength;
      }
    }
    return true;
  }

  /** Exactly the next `n` bytes; `ended` when the stream ends first. */
  async take(n: number): Promise<Uint8Array> {
    if (!(await this.fill(n))) throw new ByteQueueError("ended", "the body ended early");
    return this.remove(n);
  }

  /** The next 1 to `max` bytes: what is queued, or else the next read's; `ended` at the end. */
  async takeSome(max: number): Promise<Uint8Array> {
    if (!(await this.fill(1))) throw new ByteQueueError("ended", "the body ended early");
    return this.remove(Math.min(max, (this.parts[0] as Uint8Array).byteLength));
  }

  /** Whether the stream has nothing after what was taken. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** The next line, decoded as UTF-8, without its CRLF; `long-line` past `max` bytes. */
  async line(max: number): Promise<string> {
    let scanned = 0;
    for (;;) {
      const flat = this.joined();
      const end = indexOfCrlf(flat, Math.max(0, scanned - 1), max + 1);
      if (end !== -1) return this.decoder.decode(this.remove(end + 2).subarray(0, end));
      scanned = flat.byteLength;
      if (scanned > max) {
        throw new ByteQueueError("long-line", `a line of the body exceeds ${max} bytes`);
      }
      if (!(await this.fill(this.length + 1))) {
        throw new ByteQueueError("ended", "the body ended inside a line");
      }
    }
  }

  /** Stops reading the stream. */
  async cancel(reason?: unknown): Promise<void> {
    await this.reader.cancel(reason).catch(() => undefined);
  }

  /** Takes `n` queued bytes (a view when they lie in one part, else a copy). */
  private remove(n: number): Uint8Array {
    const first = this.parts[0] as Uint8Array;
    let out: Uint8Array;
    if (first.byteLength >= n) {
      out = first.subarray(0, n);
      if (first.byteLength === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      for (let at = 0; at < n; ) {
        const part = this.parts[0] as Uint8Array;
        const used = Math.min(part.byteLength, n - at);
        out.set(part.subarray(0, used), at);
        at += used;
        if (used === part.byteLength) this.parts.shift();
        else this.parts[0] = part.subarray(used);
      }
    }
    this.length -= n;
    return out;
  }

  /** The queued bytes as one array (joined once; callers join only for short lines). */
  private joined(): Uint8Array {
    if (this.parts.length === 0) return new Uint8Array(0);
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const flat = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      flat.set(part, at);
      at += part.byteLength;
    }
    this.parts = [flat];
    return flat;
  }
}

/** Where the first CRLF at or after `from` and before `limit` starts; -1 when none. */
function indexOfCrlf(bytes: Uint8Array, from: number, limit: number): number {
  const end = Math.min(bytes.byteLength, limit + 1);
  for (let i = from; i + 1 < end; i++) if (bytes[i] === CR && bytes[i + 1] === LF) return i;
  return -1;
}
