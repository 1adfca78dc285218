/**
 * What the `edgeos` executable runs (`bin.cjs` loads it compiled, from
 * `build/cli/edgeos.cjs`): a closed pipe (`edgeos … | head`) ends it quietly with exit 0,
 * nothing prints a stack trace, and the exit code is the command's.
 */
import { main } from "./main";
import { installQuietExit } from "./quiet-exit";

/** Runs the CLI on `argv` in this process and sets its exit code. */
export async function run(argv: string[]): Promise<void> {
  installQuietExit(process);
  process.exitCode = await main(argv);
}
