/**
 * `edgeos completion bash|zsh`: a shell completion script generated from the commands'
 * declared help, so it completes exactly the commands, subcommands and flags that exist.
 * Both scripts skip global flags and their values, then complete the command, then its
 * subcommand, then (for a word starting with `-`) the flags of that form.
 */
import { CliError, USAGE_EXIT_CODE } from "./cli-error";
import type { Command, UsageHelp } from "./command";
import { BUILTIN_COMMANDS } from "./help";

/** Shells `edgeos completion` writes a script for. */
export const COMPLETION_SHELLS = ["bash", "zsh"] as const;

const GLOBAL_FLAGS = "--url --token --json --help --version";

/** The completion script for `shell`; a usage error names the supported shells. */
export function completionScript(shell: string | undefined, commands: readonly Command[]): string {
  if (shell === "bash") return bashScript(commands);
  if (shell === "zsh") return zshScript(commands);
  throw new CliError(
    `usage: edgeos completion SHELL, where SHELL is one of ${COMPLETION_SHELLS.join(", ")}`,
    USAGE_EXIT_CODE,
  );
}

/** Flag names of one form (`--group --lease`), without their value placeholders. */
function flagNames(form: UsageHelp): string {
  return (form.flags ?? []).map((flag) => flag.flag.split(/[ ,]/)[0]).join(" ");
}

/** `case` arms: the subcommands of each command, then the flags of each form. */
function tables(commands: readonly Command[]) {
  const names = [
    ...commands.map((command) => command.name),
    ...BUILTIN_COMMANDS.map((b) => b.name),
  ];
  const subcommands: [string, string][] = [
    ...commands.map(
      (command) =>
        [
          command.name,
          command.help.flatMap((form) => (form.name ? [form.name] : [])).join(" "),
        ] as [string, string],
    ),
    ["help", commands.map((command) => command.name).join(" ")],
    ["completion", "bash zsh"],
  ];
  const flags: [string, string][] = commands.flatMap((command) =>
    command.help.map(
      (form) =>
        [form.name ? `${command.name} ${form.name}` : command.name, flagNames(form)] as [
          string,
          string,
        ],
    ),
  );
  return { names: names.join(" "), subcommands, flags };
}

function bashScript(commands: readonly Command[]): string {
  const { names, subcommands, flags } = tables(commands);
  const arm = ([key, words]: [string, string]) => `    "${key}") words="${words}" ;;`;
  return `# edgeos completion for bash. Load it with: source <(edgeos completion bash)
_edgeos() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" args=() i words=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --url|--token) ((i++)) ;;
      -*) ;;
      *) args+=("\${COMP_WORDS[i]}") ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    case "\${args[0]} \${args[1]}" in
${flags.map(([key, value]) => arm([`${key}${key.includes(" ") ? "" : " "}`, value])).join("\n")}
    esac
    if [[ -z "$words" ]]; then
      case "\${args[0]}" in
${flags
  .filter(([key]) => !key.includes(" "))
  .map(arm)
  .join("\n")}
      esac
    fi
    words="$words ${GLOBAL_FLAGS}"
  elif ((\${#args[@]} == 0)); then
    words="${names}"
  elif ((\${#args[@]} == 1)); then
    case "\${args[0]}" in
${subcommands.map(arm).join("\n")}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _edgeos edgeos
`;
}

function zshScript(commands: readonly Command[]): string {
  const { names, subcommands, flags } = tables(commands);
  const arm = ([key, words]: [string, string]) => `    "${key}") cands=(${words}) ;;`;
  return `#compdef edgeos
# edgeos completion for zsh. Load it with: source <(edgeos completion zsh)
_edgeos() {
  local -a args cands
  local i cur="\${words[CURRENT]}"
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      --url|--token) ((i++)) ;;
      -*) ;;
      *) args+=("\${words[i]}") ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    case "\${args[1]} \${args[2]}" in
${flags.map(([key, value]) => arm([`${key}${key.includes(" ") ? "" : " "}`, value])).join("\n")}
    esac
    if ((\${#cands} == 0)); then
      case "\${args[1]}" in
${flags
  .filter(([key]) => !key.includes(" "))
  .map(arm)
  .join("\n")}
      esac
    fi
    cands+=(${GLOBAL_FLAGS})
  elif ((\${#args} == 0)); then
    cands=(${names})
  elif ((\${#args} == 1)); then
    case "\${args[1]}" in
${subcommands.map(arm).join("\n")}
    esac
  fi
  compadd -- "\${cands[@]}"
}
if (( $+functions[compdef] )); then compdef _edgeos edgeos; fi
`;
}
