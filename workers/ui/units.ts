/** Numbers with their units, as the dashboard shows them. */

/** `n` with its unit, singular for exactly 1: `count(3, "key")` → "3 keys". */
export function count(n: number, unit: string, pluralUnit = `${unit}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? unit : pluralUnit}`;
}

/** A span of time in its largest fitting unit: "12 ms", "1.4 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole} ms`;
  if (whole < 10_000) return `${(whole / 1000).toFixed(1)} s`;
  const seconds = Math.floor(whole / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor(seconds / 60) % 60} min`;
}

/** A latency: tenths of a millisecond below 10 ms ("0.4 ms", "2.3 ms"), else as {@link duration}. */
export function latency(ms: number): string {
  return ms < 10 ? `${Math.max(0, ms).toFixed(1)} ms` : duration(ms);
}

/** A place in degrees with hemispheres: { lat: 35.7, lon: -139.7 } → "35.70° N, 139.70° W". */
export function latLon(p: { lat: number; lon: number }): string {
  const part = (v: number, plus: string, minus: string) =>
    `${Math.abs(v).toFixed(2)}° ${v < 0 ? minus : plus}`;
  return `${part(p.lat, "N", "S")}, ${part(p.lon, "E", "W")}`;
}

/** Binary prefixes for {@link bytes}, each 1,024 times the one before. */
const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** A size in its largest fitting binary unit: "512 B", "1.5 KiB", "64.0 MiB". */
export function bytes(n: number): string {
  let value = Math.max(0, n);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
