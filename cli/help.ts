/**
 * Renders `edgeos help`, `edgeos help CMD [SUB]` and every `--help` from the help each
 * command declares (`Command.help`). Every line fits `HELP_WIDTH` columns: long usage
 * lines wrap at spaces with a hanging indent, and summaries are padded only to the
 * longest name in their list, never to the longest usage line.
 */
import { CliError, USAGE_EXIT_CODE } from "./cli-error";
import type { Command, FlagHelp, UsageHelp } from "./command";

/** The widest line any help output has. */
export const HELP_WIDTH = 80;

/** What help needs of a command: its name, summary and declared forms. */
export type HelpSubject = Pick<Command, "name" | "summary" | "help">;

/** Commands `main.ts` answers itself, listed after the registered ones. */
export const BUILTIN_COMMANDS: readonly HelpSubject[] = [
  {
    name: "help",
    summary: "show a command's usage, flags and an example",
    help: [
      {
        args: "[COMMAND [SUBCOMMAND]]",
        summary: "Show the commands, or one command's subcommands, or one form's flags.",
        example: "help kv put",
      },
    ],
  },
  {
    name: "completion",
    summary: "print a bash or zsh completion script",
    help: [
      {
        args: "bash|zsh",
        summary:
          "Print a completion script for bash or zsh; load it from ~/.bashrc or ~/.zshrc with: source <(edgeos completion bash)",
        example: "completion zsh > ~/.edgeos-completion.zsh",
      },
    ],
  },
];

/** The global flags, as the overview and every command's help list them. */
export function globalFlags(defaultUrl: string): readonly FlagHelp[] {
  return [
    { flag: "--url URL", text: "edgeos to talk to; $EDGEOS_URL", default: defaultUrl },
    { flag: "--token TOKEN", text: "bearer token", default: "$EDGEOS_TOKEN" },
    { flag: "--json", text: "machine-readable output" },
    { flag: "--help, -h", text: "show help (after a command: its help)" },
    { flag: "--version", text: "print the CLI's version" },
  ];
}

/** `edgeos help`: the global flags and one line per command. */
export function overviewHelp(commands: readonly HelpSubject[], defaultUrl: string): string {
  const rows = [...commands, ...BUILTIN_COMMANDS].map((c) => [c.name, c.summary] as const);
  return [
    "usage: edgeos [--url URL] [--token TOKEN] [--json] <command> [args]",
    "",
    "global flags:",
    ...flagLines(globalFlags(defaultUrl)),
    "",
    "commands:",
    ...table(rows),
    "",
    'Run "edgeos help COMMAND" or "edgeos COMMAND --help" for flags and examples.',
  ].join("\n");
}

/**
 * Help for `words` (`["kv"]`, `["kv", "put"]`): a command's subcommands, or one form's
 * usage, flags with defaults and example. Unknown names are a usage error.
 */
export function commandHelp(commands: readonly HelpSubject[], words: readonly string[]): string {
  const [name, sub] = words;
  const command = [...commands, ...BUILTIN_COMMANDS].find((candidate) => candidate.name === name);
  if (!command) throw new CliError(`no help for "${name}"; try edgeos help`, USAGE_EXIT_CODE);
  const single = command.help.length === 1 && command.help[0]?.name === undefined;
  if (single) return formHelp(command, command.help[0] as UsageHelp);
  const form = sub === undefined ? undefined : command.help.find((entry) => entry.name === sub);
  if (form) return formHelp(command, form);
  if (sub !== undefined)
    throw new CliError(`edgeos ${command.name} has no subcommand "${sub}"`, USAGE_EXIT_CODE);
  const first = command.help[0] as UsageHelp;
  return [
    `usage: edgeos ${command.name} <subcommand> [args] [flags]`,
    "",
    ...wrap(command.summary, ""),
    "",
    "subcommands:",
    ...table(command.help.map((entry) => [entry.name ?? "", entry.summary] as const)),
    "",
    "example:",
    ...wrap(`edgeos ${first.example}`, "  ", "      "),
    "",
    `Run "edgeos help ${command.name} SUBCOMMAND" for its flags and defaults.`,
  ].join("\n");
}

/** Full help of one form: usage, summary, flags with defaults, one example. */
function formHelp(command: HelpSubject, form: UsageHelp): string {
  const head = form.name ? `${command.name} ${form.name}` : command.name;
  const lines = [
    ...wrap(`usage: edgeos ${head}${form.args ? ` ${form.args}` : ""}`, "", "         "),
    "",
    ...wrap(form.summary, ""),
  ];
  if (form.flags?.length) lines.push("", "flags:", ...flagLines(form.flags));
  lines.push("", "example:", ...wrap(`edgeos ${form.example}`, "  ", "      "));
  lines.push("", 'Global flags (--url, --token, --json) work too; see "edgeos help".');
  return lines.join("\n");
}

/** The usage lines of a command, for a usage error: one per form, each wrapped. */
export function usageLines(command: HelpSubject): string[] {
  return command.help.flatMap((form) => {
    const head = form.name ? `${command.name} ${form.name}` : command.name;
    return wrap(`edgeos ${head}${form.args ? ` ${form.args}` : ""}`, "  ", "      ");
  });
}

function flagLines(flags: readonly FlagHelp[]): string[] {
  return table(
    flags.map(
      (flag) =>
        [flag.flag, flag.default ? `${flag.text} (default: ${flag.default})` : flag.text] as const,
    ),
  );
}

/** Two columns: names padded to the longest name, text wrapped under itself. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(24, Math.max(...rows.map(([name]) => name.length)));
  return rows.flatMap(([name, text]) => {
    const indent = " ".repeat(2 + width + 2);
    if (name.length > width) return [`  ${name}`, ...wrap(text, indent)];
    return wrap(`  ${name.padEnd(width)}  ${text}`, "", indent);
  });
}

/**
 * Breaks `text` at spaces into lines of at most `HELP_WIDTH` columns; the first line
 * starts with `first`, later ones with `rest`. A single word longer than a line stays whole.
 */
export function wrap(text: string, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ")) {
    if (!empty && line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(line);
      line = rest + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
