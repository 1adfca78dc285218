import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { installQuietExit, type ProcessLike } from "../../../cli/quiet-exit";

const bin = fileURLToPath(new URL("../../../cli/bin.cjs", import.meta.url));

/** A fake process whose streams and exit the test controls. */
function fakeProcess() {
  const stdout = new EventEmitter();
  const stderr = new EventEmitter();
  const events = new EventEmitter();
  const exits: number[] = [];
  const target: ProcessLike = {
    stdout: stdout as ProcessLike["stdout"],
    stderr: stderr as ProcessLike["stderr"],
    on: (event, listener) => events.on(event, listener),
    exit: (code) => exits.push(code),
  };
  return { target, stdout, events, exits };
}

const epipe = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });

describe("edgeos on a broken pipe", () => {
  it("exits 0 without a word when stdout's reader has gone", () => {
    const { target, stdout, exits } = fakeProcess();
    const lines: string[] = [];
    installQuietExit(target, (line) => lines.push(line));
    stdout.emit("error", epipe);
    expect(exits).toEqual([0]);
    expect(lines).toEqual([]);
  });

  it("reports any other escaped error as one line and exit 1, never a stack trace", () => {
    const { target, events, exits } = fakeProcess();
    const lines: string[] = [];
    installQuietExit(target, (line) => lines.push(line));
    events.emit("uncaughtException", new TypeError("boom"));
    events.emit("unhandledRejection", epipe);
    expect(exits).toEqual([1, 0]);
    expect(lines).toEqual(["edgeos: unexpected failure: boom"]);
  });

  it("the real executable, writing into a pipe already closed, ends quietly with exit 0", async () => {
    for (let run = 0; run < 3; run++) {
      const child = spawn("node", [bin, "completion", "bash"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(stderr).toBe("");
      expect(code).toBe(0);
    }
  });
});
