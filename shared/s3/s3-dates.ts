/**
 * The two ways S3 writes a time — HTTP's IMF-fixdate in headers (`Last-Modified`), ISO 8601
 * with milliseconds in XML (`LastModified`) — and the reading of a date a client sends in
 * `If-Modified-Since` or `If-Unmodified-Since`: IMF-fixdate, or the obsolete RFC 850 and
 * asctime forms RFC 9110 §5.6.7 still asks a recipient to accept, all in GMT. A date that
 * names a day its month lacks (`31 Feb`) or a time past `23:59:59` is not a date; the
 * weekday is not checked against the date (RFC 9110 lets a recipient ignore it).
 */

/** `ms` as an HTTP date (IMF-fixdate): `Fri, 04 Dec 2026 03:42:02 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** `ms` as S3's XML timestamp: `2026-12-04T03:42:02.000Z`. */
export function s3IsoDate(ms: number): string {
  return new Date(ms).toISOString();
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

/** `Sun, 06 Nov 1994 08:49:37 GMT`: day, month, year, time. */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT`: day, month, two-digit year, time. */
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994`: month, day (space-padded), time, year. */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * Milliseconds since the epoch of an HTTP date; null when it is none of HTTP's three forms
 * or names no real time. RFC 850's two-digit year is 19xx from 70 on and 20xx below (fixed,
 * since this code reads no clock; RFC 9110's "within 50 years" rule agrees until 2020+50).
 */
export function parseHttpDate(text: string): number | null {
  const value = text.trim();
  const imf = IMF_FIXDATE.exec(value);
  if (imf) return instant(Number(imf[3]), imf[2], Number(imf[1]), imf.slice(4, 7));
  const rfc850 = RFC_850.exec(value);
  if (rfc850) {
    const short = Number(rfc850[3]);
    const year = short + (short < 70 ? 2000 : 1900);
    return instant(year, rfc850[2], Number(rfc850[1]), rfc850.slice(4, 7));
  }
  const asctime = ASCTIME.exec(value);
  if (asctime) {
    return instant(Number(asctime[6]), asctime[1], Number(asctime[2]), asctime.slice(3, 6));
  }
  return null;
}

/** The instant of these fields, or null when they name no real time (`31 Feb`, `24:00:00`, a year before 100,
 * which `Date.UTC` would read as 19xx). */
function instant(year: number, month: string | undefined, day: number, time: string[]) {
  const monthIndex = MONTHS.indexOf(month ?? "");
  const [hour = 0, minute = 0, second = 0] = time.map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, monthIndex, day, hour, minute, second);
  const date = new Date(ms);
  const exact =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === monthIndex &&
    date.getUTCDate() === day;
  return exact ? ms : null;
}
