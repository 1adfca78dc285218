/**
 * How a CLI command fails: one line on stderr and an exit code. Its own module because
 * both the commands and the API client raise it, and the client must not depend on the
 * command contract that names it.
 */

/** A failure to report as one line on stderr with the given exit code. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * The server could not be reached, answered 5xx, or a stream from it broke or went
 * silent: worth trying again later, unlike a 4xx answer.
 */
export class ConnectionLost extends CliError {}

/** Exit code for wrong usage (unknown command, bad flag). */
export const USAGE_EXIT_CODE = 2;
