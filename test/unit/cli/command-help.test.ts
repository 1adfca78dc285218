import { describe, expect, it } from "vitest";
import { CliError } from "../../../cli/cli-error";
import type { ApiClient } from "../../../cli/client";
import { COMMANDS } from "../../../cli/commands/registry";
import { HELP_WIDTH, wrap } from "../../../cli/help";
import { main } from "../../../cli/main";

/** Runs the CLI in-process and returns its exit code and stdout / stderr text. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {}, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function widest(text: string): number {
  return Math.max(...text.split("\n").map((line) => [...line].length));
}

const forms = COMMANDS.flatMap((command) =>
  command.help.map((form) => ({
    command,
    form,
    words: [command.name, ...(form.name ? [form.name] : [])],
  })),
);

describe("edgeos help", () => {
  it("lists every command and the builtins within 80 columns, for help, --help and -h", async () => {
    for (const argv of [["help"], ["--help"], ["-h"]]) {
      const { code, out } = await run(argv);
      expect(code).toBe(0);
      expect(widest(out)).toBeLessThanOrEqual(HELP_WIDTH);
      for (const name of [...COMMANDS.map((c) => c.name), "help", "completion"])
        expect(out).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    }
  });

  it.each(
    COMMANDS.map((command) => [command.name, command]),
  )("`help %s` and `%s --help` agree, fit 80 columns and name every subcommand", async (name, command) => {
    const viaHelp = await run(["help", name]);
    const viaFlag = await run([name, "--help"]);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(widest(viaHelp.out)).toBeLessThanOrEqual(HELP_WIDTH);
    expect(viaHelp.out).toContain("example:");
    for (const form of command.help)
      if (form.name) expect(viaHelp.out).toMatch(new RegExp(`^  ${form.name} `, "m"));
  });

  it.each(
    forms.map(({ words, form }) => [words.join(" "), words, form] as const),
  )("`help %s` shows its usage, every flag with its default, and an example", async (_, words, form) => {
    const viaHelp = await run(["help", ...words]);
    expect(viaHelp.code).toBe(0);
    expect(await run([...words, "--help"])).toEqual(viaHelp);
    expect(widest(viaHelp.out)).toBeLessThanOrEqual(HELP_WIDTH);
    expect(viaHelp.out.split("\n")[0]).toMatch(new RegExp(`^usage: edgeos ${words.join(" ")}`));
    const unwrapped = viaHelp.out.replace(/\n +/g, " ");
    for (const flag of form.flags ?? []) {
      expect(viaHelp.out).toContain(flag.flag);
      if (flag.default) expect(unwrapped).toContain(`(default: ${flag.default})`);
    }
    expect(viaHelp.out).toContain(`  edgeos ${words.join(" ")}`);
  });

  it.each(
    forms
      .filter(({ form }) => form.flags?.length)
      .map(({ words, command, form }) => [words.join(" "), command, form] as const),
  )("every flag `help %s` names is one the command accepts", async (_, command, form) => {
    const reached = new CliError("reached the server");
    const client = {
      request: () => Promise.reject(reached),
      get: () => Promise.reject(reached),
    } as unknown as ApiClient;
    const context = {
      options: { url: "http://x", token: undefined, json: false },
      client,
      output: { out() {}, err() {} },
    };
    for (const flag of form.flags ?? []) {
      const [name, placeholder] = flag.flag.split(" ");
      const args = [
        ...(form.name ? [form.name] : []),
        name as string,
        ...(placeholder ? ["3"] : []),
      ];
      const failure = await command.run(context, args).catch((error: Error) => error);
      expect(failure instanceof Error ? failure.message : "").not.toMatch(/unknown flag/);
    }
  });

  it("fails with a usage error for an unknown command or subcommand", async () => {
    expect((await run(["help", "nope"])).code).toBe(2);
    expect((await run(["help", "kv", "nope"])).err).toMatch(/kv has no subcommand "nope"/);
    expect((await run(["nope"])).err).toMatch(/try edgeos help/);
    const bare = await run(["kv"]);
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/Run "edgeos help kv"/);
    expect((await run(["ring", "spin"])).err).toMatch(/^edgeos: no subcommand "spin"/);
  });

  it("names the allowed values and flags when a flag is wrong, before any request", async () => {
    expect((await run(["group", "create", "g", "--replicas", "4"])).err).toBe(
      'edgeos: --replicas must be one of 3, 5, got "4"',
    );
    expect((await run(["ring", "create", "r", "--overlay", "pastry"])).err).toMatch(
      /--overlay must be one of chord, kademlia/,
    );
    const unknown = await run(["ring", "create", "r", "--replicas", "4"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /unknown flag --replicas; allowed here: --overlay, --nodes, --replication/,
    );
  });

  it("wraps long lines at spaces with a hanging indent", () => {
    const lines = wrap(`usage: ${"word ".repeat(40).trim()}`, "", "    ");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(HELP_WIDTH);
    expect(lines[1]?.startsWith("    word")).toBe(true);
  });
});
