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

/** One flag as `edgeos help` shows it: `--group G  consensus group (default: default)`. */
export interface FlagHelp {
  /** The flag and its value placeholder, as typed: `--group G`, `--wait`. */
  flag: string;
  text: string;
  /** What applies when the flag is absent; omitted when nothing does. */
  default?: string;
}

/**
 * Help for one form of a command: a subcommand (`kv put`), or the command itself when
 * it has no subcommands (`status`, where `name` is omitted).
 */
export interface UsageHelp {
  /** The subcommand's name (`put`); absent for a command without subcommands. */
  name?: string;
  /** Arguments after `edgeos <command> [<name>]`: `KEY VALUE [--group G]`. */
  args: string;
  summary: string;
  flags?: readonly FlagHelp[];
  /** One complete command line a user can copy, without the leading `edgeos`. */
  example: string;
}

/** One subcommand (`status`) or command group (`kv` with its own subcommands). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * What `edgeos help <name>` and `--help` show, declared beside the command; also the
   * source of shell completion. One entry per subcommand, or one unnamed entry.
   */
  help: readonly UsageHelp[];
  run(context: CommandContext, args: string[]): Promise<number>;
}
