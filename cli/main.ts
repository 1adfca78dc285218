/**
 * `edgeos [--url URL] [--token T] [--json] <command> [args]`. Global flags may appear
 * anywhere; `EDGEOS_URL` and `EDGEOS_TOKEN` are the defaults for `--url` and `--token`.
 */

import { version } from "../package.json";
import { CliError, USAGE_EXIT_CODE } from "./cli-error";
import { ApiClient } from "./client";
import type { GlobalOptions, Output } from "./command";
import { COMMANDS } from "./commands/registry";
import { completionScript } from "./completion";
import { commandHelp, overviewHelp } from "./help";

/** Where edgeos listens by default (`npm start`). */
export const DEFAULT_URL = "http://127.0.0.1:8787";

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI on `argv` and returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  output: Output = consoleOutput,
): Promise<number> {
  try {
    const { options, rest, help, showVersion } = parseGlobalFlags(argv, env);
    if (showVersion) {
      output.out(`edgeos ${version}`);
      return 0;
    }
    const [name, ...args] = rest;
    if (!name || (name === "help" && args.length === 0) || (help && name === "help")) {
      output.out(overviewHelp(COMMANDS, DEFAULT_URL));
      return name || help ? 0 : USAGE_EXIT_CODE;
    }
    if (name === "help" || help) {
      output.out(commandHelp(COMMANDS, name === "help" ? args : rest));
      return 0;
    }
    if (name === "completion") {
      if (args.length > 1) throw new CliError("usage: edgeos completion bash|zsh", USAGE_EXIT_CODE);
      output.out(completionScript(args[0], COMMANDS));
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) throw new CliError(`unknown command "${name}"; try edgeos help`, USAGE_EXIT_CODE);
    const client = new ApiClient(options.url, options.token);
    return await command.run({ options, client, output }, args);
  } catch (error) {
    if (error instanceof CliError) {
      output.err(`edgeos: ${error.message}`);
      return error.exitCode;
    }
    output.err(
      `edgeos: unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

/** Splits global flags from the command and its arguments. */
export function parseGlobalFlags(
  argv: string[],
  env: Record<string, string | undefined>,
): { options: GlobalOptions; rest: string[]; help: boolean; showVersion: boolean } {
  const options: GlobalOptions = {
    url: env.EDGEOS_URL || DEFAULT_URL,
    token: env.EDGEOS_TOKEN || undefined,
    json: false,
  };
  const rest: string[] = [];
  let help = false;
  let showVersion = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") ? splitInline(arg) : [arg, undefined];
    if (flag === "--url" || flag === "--token") {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") {
        throw new CliError(`${flag} needs a value`, USAGE_EXIT_CODE);
      }
      if (flag === "--url") options.url = checkedUrl(value);
      else options.token = value;
    } else if (flag === "--json") options.json = true;
    else if (flag === "--help" || flag === "-h") help = true;
    else if (flag === "--version") showVersion = true;
    else rest.push(arg);
  }
  options.url = checkedUrl(options.url);
  return { options, rest, help, showVersion };
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function checkedUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.origin;
  } catch {
    throw new CliError(`--url must be an http(s) URL, got "${value}"`, USAGE_EXIT_CODE);
  }
}
