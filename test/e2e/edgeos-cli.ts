/** Runs the real `edgeos` executable as a user would, with a clean environment. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The executable `npx edgeos` runs. */
export const bin = fileURLToPath(new URL("../../cli/bin.cjs", import.meta.url));

/** Exit code and output of one run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `edgeos args…`; EDGEOS_URL and EDGEOS_TOKEN are unset unless given in `env`.
 * `input`, when given, is written to its stdin (which is closed either way).
 */
export async function edgeos(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      "node",
      [bin, ...args],
      { env: { ...process.env, EDGEOS_URL: "", EDGEOS_TOKEN: "", ...env } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
