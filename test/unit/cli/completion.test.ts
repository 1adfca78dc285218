import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../cli/commands/registry";
import { completionScript } from "../../../cli/completion";
import { main } from "../../../cli/main";

/** What bash completes for the words of `line` (the last word is the one being typed). */
function bashComplete(line: string): string[] {
  const words = line.split(" ");
  const script = `${completionScript("bash", COMMANDS)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")})
COMP_CWORD=${words.length - 1}
_edgeos
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["-c", script], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describe("edgeos completion", () => {
  it("prints the bash script through the CLI, and a usage error naming the shells otherwise", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(["completion", "bash"], {}, sink)).toBe(0);
    expect(out.join("\n")).toContain("complete -F _edgeos edgeos");
    expect(await main(["completion", "fish"], {}, sink)).toBe(2);
    expect(err.join("\n")).toMatch(/one of bash, zsh/);
  });

  it("completes commands, subcommands and the flags of one form in bash", () => {
    expect(bashComplete("edgeos ")).toEqual(
      expect.arrayContaining([...COMMANDS.map((c) => c.name), "help", "completion"]),
    );
    expect(bashComplete("edgeos k")).toEqual(["kv"]);
    expect(bashComplete("edgeos kv ")).toEqual(["put", "get", "rm", "ls", "txn", "watch"]);
    expect(bashComplete("edgeos --url http://x:1 ring c")).toEqual(["create"]);
    expect(bashComplete("edgeos kv put --")).toEqual([
      "--group",
      "--lease",
      "--url",
      "--token",
      "--json",
      "--help",
      "--version",
    ]);
    expect(bashComplete("edgeos place --jobs a.csv --s")).toEqual(["--sites", "--seed"]);
    expect(bashComplete("edgeos completion ")).toEqual(["bash", "zsh"]);
  });

  it("writes a zsh script that registers with compdef and knows the same words", () => {
    const script = completionScript("zsh", COMMANDS);
    expect(script.startsWith("#compdef edgeos\n")).toBe(true);
    expect(script).toContain('"kv put") cands=(--group --lease) ;;');
    expect(script).toContain(
      '"group create") cands=(--engine --replicas --quorums --locations) ;;',
    );
    expect(script).toContain("compdef _edgeos edgeos");
  });
});
