/**
 * How the `edgeos` process ends when something outside a command goes wrong. A reader
 * that closes the pipe early (`edgeos kv ls | head`) makes the next write fail with
 * `EPIPE`, which Node raises as an `error` event on stdout; unhandled, it prints a stack
 * trace. Like `cat` or `etcdctl`, the CLI then stops quietly with exit 0. Any other error
 * that escapes is reported as one line, never as a stack trace.
 */

/** The parts of a stream the handler needs (stdout, stderr, or a test double). */
export interface ErrorEmitter {
  on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** The parts of `process` the handler needs. */
export interface ProcessLike {
  stdout: ErrorEmitter;
  stderr: ErrorEmitter;
  on(
    event: "uncaughtException" | "unhandledRejection",
    listener: (error: unknown) => void,
  ): unknown;
  exit(code: number): void;
}

/** Whether `error` says the reading end of a pipe went away. */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

/**
 * Makes a broken pipe on stdout or stderr end the process with exit 0, and turns any
 * other escaped error into one line on stderr and exit 1. `writeError` defaults to a
 * raw write to fd 2 that cannot itself throw.
 */
export function installQuietExit(
  target: ProcessLike,
  writeError: (line: string) => void = defaultWriteError,
): void {
  const onStreamError = (error: NodeJS.ErrnoException) => {
    if (isBrokenPipe(error)) target.exit(0);
    else fail(error);
  };
  const fail = (error: unknown) => {
    if (isBrokenPipe(error)) return target.exit(0);
    writeError(
      `edgeos: unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    );
    target.exit(1);
  };
  target.stdout.on("error", onStreamError);
  target.stderr.on("error", onStreamError);
  target.on("uncaughtException", fail);
  target.on("unhandledRejection", fail);
}

function defaultWriteError(line: string): void {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // stderr is gone too: nothing left to tell.
  }
}
