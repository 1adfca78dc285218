/** Runs the real `edgeos` executable as a user would, with a clean environment. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const bin = fileURLToPath(new URL("../../cli/bin.mjs", import.meta.url));

/** Exit code and output of one run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `edgeos args…`; EDGEOS_URL and EDGEOS_TOKEN are unset unless given in `env`. */
export async function edgeos(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [bin, ...args], {
      env: { ...process.env, EDGEOS_URL: "", EDGEOS_TOKEN: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
