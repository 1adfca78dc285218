/**
 * The shape every CLI subcommand has. A command gets the parsed global options, an API
 * client, an output sink and its own arguments; it returns an exit code or throws a
 * `CliError` (`cli-error.ts`). New parts add a file under `cli/commands/` and one line in the registry.
 */
import type { ApiClient } from "./client";

/** Options every command accepts, from flags or the environment. */
export interface GlobalOptions {
  url: string;
  token: string | undefined;
  json: boolean;
}

/** Where a command writes; tests capture it. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** What a running command can use. */
export interface CommandContext {
  options: GlobalOptions;
  client: ApiClient;
  output: Output;
}

/** One subcommand (`status`) or command group (`kv` with its own subcommands). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(context: CommandContext, args: string[]): Promise<number>;
}
