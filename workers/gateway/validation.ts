/**
 * Turns a failed zod validation of a request part into a 400 problem that names the
 * offending field as a dotted path (`body.jobs.3.lat`, `query.limit`, `param.group`).
 */
import { ProblemError } from "./problem";

interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  /** The allowed values of an `invalid_value` issue (an enum or a literal). */
  values?: readonly unknown[];
  /** The branches of an `invalid_union` issue, each a list of issues. */
  errors?: readonly (readonly ValidationIssue[])[];
}

/** What a route validator reports for one request part. */
export type ValidationResult = { target: string } & (
  | { success: true }
  | { success: false; error: { issues: ValidationIssue[] } }
);

/** The default hook of every OpenAPI route: throws on the first failing request part. */
export function validationHook(result: ValidationResult): void {
  if (result.success) return;
  const part = result.target;
  const issues = result.error.issues.map((issue) => ({
    field: fieldPath(part, issue.path),
    message: describeIssue(issue),
  }));
  const first = issues[0] ?? { field: part, message: "invalid" };
  throw new ProblemError("validation-failed", `${first.field}: ${first.message}`, {
    field: first.field,
    extensions: { errors: issues },
  });
}

/**
 * The issue's message, except that a value outside a fixed set (an enum, a literal, or
 * a union of literals such as `replicas: 3 | 5`) says which values are allowed; zod's
 * own message for a union is only "Invalid input".
 */
function describeIssue(issue: ValidationIssue): string {
  const allowed = allowedValues(issue);
  return allowed
    ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`
    : issue.message;
}

function allowedValues(issue: ValidationIssue): unknown[] | undefined {
  if (issue.code === "invalid_value" && issue.values?.length) return [...issue.values];
  if (issue.code !== "invalid_union" || !issue.errors?.length) return undefined;
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (!only || only.path.length > 0 || only.code !== "invalid_value" || !only.values)
      return undefined;
    values.push(...only.values);
  }
  return values;
}

function fieldPath(part: string, path: readonly PropertyKey[]): string {
  const root = part === "json" ? "body" : part;
  return [root, ...path.map(String)].join(".");
}
