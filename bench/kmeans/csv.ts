/** Reading and writing the benchmark's point files: one `x,y` row per point. */
import { readFileSync, writeFileSync } from "node:fs";

/** Writes row-major 2-D points as `x,y` lines with round-trip precision. */
export function writePointsCsv(path: string, points: Float64Array): void {
  const lines: string[] = [];
  for (let i = 0; i < points.length; i += 2) lines.push(`${points[i]},${points[i + 1]}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/**
 * Reads `x,y` rows (extra columns ignored, blank lines skipped, a non-numeric first line
 * taken as a header) into a row-major Float64Array. Throws on any other malformed row.
 */
export function readPointsCsv(path: string): Float64Array {
  const rows = readFileSync(path, "utf8").split(/\r?\n/);
  const values: number[] = [];
  rows.forEach((row, index) => {
    if (row.trim() === "") return;
    const [x, y] = row.split(",").map((cell) => Number(cell.trim()));
    if (Number.isFinite(x) && Number.isFinite(y)) values.push(x as number, y as number);
    else if (index > 0 || values.length > 0)
      throw new Error(`${path}:${index + 1}: not an x,y row`);
  });
  return Float64Array.from(values);
}
