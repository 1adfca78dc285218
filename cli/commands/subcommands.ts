/**
 * What commands with subcommands (`ring`, `volume`, …) share: the handler shape, the
 * dispatching `run`, and the optional NAME argument that defaults to `default`.
 */
import type { Command, CommandContext } from "../command";
import { parseFlags, pickSubcommand, positionals } from "./args";

/** One subcommand: its arguments after the subcommand's name in, an exit code out. */
export type SubcommandHandler = (context: CommandContext, args: string[]) => Promise<number>;

/** A command's `run` that hands its arguments to the subcommand they name (see `pickSubcommand`). */
export function runSubcommand(
  subcommands: Record<string, SubcommandHandler>,
  usage: string[],
): Command["run"] {
  return (context, args) => {
    const [handler, rest] = pickSubcommand(subcommands, args, usage);
    return handler(context, rest);
  };
}

/** The one optional NAME argument (`default` when absent), or a usage error showing `usage`. */
export function optionalName(args: string[], usage: string): string {
  const { positionals: rest } = parseFlags(args, {});
  if (rest.length === 0) return "default";
  return positionals(rest, 1, usage)[0] as string;
}
