/** Small checkers for job inputs; each throws `JobInputError` naming the field. */
import { JobInputError } from "./job-kind";

/** The value as a plain object. */
export function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JobInputError(field, "expected an object");
  }
  return value as Record<string, unknown>;
}

/** The value as a string of at most `maxLength` characters. */
export function stringAt(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== "string") throw new JobInputError(field, "expected a string");
  if (value.length > maxLength)
    throw new JobInputError(field, `longer than ${maxLength} characters`);
  return value;
}

/** The value as a finite number in [min, max], or `fallback` when undefined. */
export function numberAt(
  value: unknown,
  field: string,
  {
    min,
    max,
    integer = false,
    fallback,
  }: { min: number; max: number; integer?: boolean; fallback?: number },
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new JobInputError(field, "expected a finite number");
  }
  if (integer && !Number.isInteger(value)) throw new JobInputError(field, "expected an integer");
  if (value < min || value > max)
    throw new JobInputError(field, `must be between ${min} and ${max}`);
  return value;
}

/** The value as a matrix of finite numbers: 1..maxRows rows of the same width 1..maxCols. */
export function matrixAt(
  value: unknown,
  field: string,
  maxRows: number,
  maxCols: number,
): number[][] {
  if (!Array.isArray(value) || value.length === 0)
    throw new JobInputError(field, "expected a non-empty array of rows");
  if (value.length > maxRows) throw new JobInputError(field, `more than ${maxRows} rows`);
  let width = -1;
  return value.map((row, i) => {
    if (!Array.isArray(row))
      throw new JobInputError(`${field}.${i}`, "expected an array of numbers");
    if (width < 0) width = row.length;
    if (row.length !== width || width < 1 || width > maxCols) {
      throw new JobInputError(
        `${field}.${i}`,
        `every row needs the same width, between 1 and ${maxCols}`,
      );
    }
    return row.map((cell, j) => {
      if (typeof cell !== "number" || !Number.isFinite(cell)) {
        throw new JobInputError(`${field}.${i}.${j}`, "expected a finite number");
      }
      return cell;
    });
  });
}

/** Splits `items` into at most `parts` contiguous, near-equal, non-empty shares. */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const count = Math.max(1, Math.min(parts, items.length));
  const shares: T[][] = [];
  for (let i = 0; i < count; i++) {
    shares.push(
      items.slice(
        Math.floor((i * items.length) / count),
        Math.floor(((i + 1) * items.length) / count),
      ),
    );
  }
  return shares;
}
