/** Argument helpers shared by the CLI's subcommands: strict flag parsing with usage errors. */
import { parseArgs } from "node:util";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** Parses flags strictly; an unknown flag or a missing value is a usage error. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? "that flag";
      const known = Object.keys(options ?? {}).map((name) => `--${name}`);
      throw new CliError(
        `unknown flag ${flag}; ${known.length ? `allowed here: ${known.join(", ")}` : "this command takes no flags"}`,
        USAGE_EXIT_CODE,
      );
    }
    throw new CliError(message.split(". ")[0] ?? message, USAGE_EXIT_CODE);
  }
}

/** A flag value that must be one of `allowed`, or a usage error naming them all. */
export function choiceFlag<T extends string | number>(
  text: string,
  flag: string,
  allowed: readonly T[],
): T {
  const match = allowed.find((value) => String(value) === text);
  if (match === undefined)
    throw new CliError(
      `${flag} must be one of ${allowed.join(", ")}, got "${text}"`,
      USAGE_EXIT_CODE,
    );
  return match;
}

/** Exactly `count` positionals, or a usage error showing `usage`. */
export function positionals(args: string[], count: number, usage: string): string[] {
  if (args.length !== count || args.some((arg) => arg === "")) {
    throw new CliError(`usage: edgeos ${usage}`, USAGE_EXIT_CODE);
  }
  return args;
}

/** An integer flag value, or a usage error naming the flag. */
export function integerFlag(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new CliError(`${flag} must be an integer, got "${text}"`, USAGE_EXIT_CODE);
  return value;
}

/** Dispatches `args[0]` to one of `subcommands`, or fails with the usage lines. */
export function pickSubcommand<T>(
  subcommands: Record<string, T>,
  args: string[],
  usage: string[],
): [T, string[]] {
  const [name, ...rest] = args;
  const handler = name ? subcommands[name] : undefined;
  if (!handler) {
    const command = usage[0]?.split(" ")[0] ?? "";
    throw new CliError(
      [
        ...(name ? [`no subcommand "${name}"`] : []),
        "usage:",
        ...usage.map((line) => `  edgeos ${line}`),
        `Run "edgeos help ${command}" for flags, defaults and examples.`,
      ].join("\n"),
      USAGE_EXIT_CODE,
    );
  }
  return [handler, rest];
}
