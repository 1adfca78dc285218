/**
 * The two ways S3 writes a time — HTTP's IMF-fixdate in headers (`Last-Modified`), ISO 8601
 * with milliseconds in XML (`LastModified`) — and the reading of a date a client sends in
 * `If-Modified-Since` or `If-Unmodified-Since` (IMF-fixdate, or the obsolete RFC 850 and
 * asctime forms HTTP still asks servers to accept; all in GMT).
 */

/** `ms` as an HTTP date: `Fri, 04 Dec 2026 03:42:02 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** `ms` as S3's XML timestamp: `2026-12-04T03:42:02.000Z`. */
export function s3IsoDate(ms: number): string {
  return new Date(ms).toISOString();
}

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/;

/** Milliseconds since the epoch of an HTTP date; null when it is none of HTTP's forms. */
export function parseHttpDate(text: string): number | null {
  const value = text.trim();
  let normalized: string | null = null;
  if (IMF_FIXDATE.test(value)) normalized = value;
  const rfc850 = RFC_850.exec(value);
  if (rfc850) {
    const [, day, month, year, time] = rfc850;
    const full = Number(year) < 70 ? `20${year}` : `19${year}`;
    normalized = `${day} ${month} ${full} ${time} GMT`;
  }
  const asctime = ASCTIME.exec(value);
  if (asctime) {
    const [, month, day, time, year] = asctime;
    normalized = `${(day as string).trim()} ${month} ${year} ${time} GMT`;
  }
  if (normalized === null) return null;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}
