/**
 * Turns a failed zod validation of a request part into a 400 problem that names the
 * offending field as a dotted path (`body.jobs.3.lat`, `query.limit`, `param.group`).
 */
import { ProblemError } from "./problem";

interface ValidationIssue {
  path: PropertyKey[];
  message: string;
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
    message: issue.message,
  }));
  const first = issues[0] ?? { field: part, message: "invalid" };
  throw new ProblemError("validation-failed", `${first.field}: ${first.message}`, {
    field: first.field,
    extensions: { errors: issues },
  });
}

function fieldPath(part: string, path: readonly PropertyKey[]): string {
  const root = part === "json" ? "body" : part;
  return [root, ...path.map(String)].join(".");
}
