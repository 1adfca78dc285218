import { describe, expect, it } from "vitest";
import { CliError } from "../../../cli/cli-error";
import { DEFAULT_URL, main, parseGlobalFlags } from "../../../cli/main";
import { version } from "../../../package.json";

describe("edgeos global flags", () => {
  it("defaults to the local dev server and reads EDGEOS_URL / EDGEOS_TOKEN", () => {
    expect(parseGlobalFlags(["status"], {}).options).toEqual({
      url: DEFAULT_URL,
      token: undefined,
      json: false,
    });
    const fromEnv = parseGlobalFlags(["status"], {
      EDGEOS_URL: "https://e.example/",
      EDGEOS_TOKEN: "t",
    });
    expect(fromEnv.options).toMatchObject({ url: "https://e.example", token: "t" });
  });

  it("lets flags anywhere override the environment, in both --flag value and --flag=value forms", () => {
    const parsed = parseGlobalFlags(
      ["status", "--url=http://10.0.0.1:9", "--json", "--token", "x"],
      {
        EDGEOS_URL: "https://ignored.example",
      },
    );
    expect(parsed.options).toEqual({ url: "http://10.0.0.1:9", token: "x", json: true });
    expect(parsed.rest).toEqual(["status"]);
  });

  it("rejects a non-http URL and a flag without its value as usage errors", () => {
    for (const argv of [["--url", "ftp://x"], ["--url"], ["--token", ""]]) {
      try {
        parseGlobalFlags(argv, {});
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
      }
    }
  });

  it("prints usage listing every command, and exits 2 without a command", async () => {
    const lines: string[] = [];
    const output = {
      out: (line: string) => lines.push(line),
      err: (line: string) => lines.push(line),
    };
    expect(await main([], {}, output)).toBe(2);
    expect(lines.join("\n")).toMatch(/^ {2}status [\s\S]*^ {2}place [\s\S]*^ {2}job /m);
  });

  it("prints its version for --version, wherever it stands, without calling anyone", async () => {
    for (const argv of [
      ["--version"],
      ["kv", "put", "--version"],
      ["--url", "http://x:1", "--version"],
    ]) {
      const lines: string[] = [];
      const output = {
        out: (line: string) => lines.push(line),
        err: (line: string) => lines.push(line),
      };
      expect(await main(argv, {}, output)).toBe(0);
      expect(lines).toEqual([`edgeos ${version}`]);
    }
  });
});
