import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliError } from "../../../cli/cli-error";
import type { ApiClient } from "../../../cli/client";
import { describeTxn, readTxnBody, runTxn, type TxnAnswer } from "../../../cli/commands/kv-txn";

const BODY = {
  compare: [{ key: "a", target: "version", op: "=", value: 0 }],
  success: [
    { put: { key: "a", value: "1" } },
    { get: { key: "b" } },
    { delete: { key: "c/", prefix: true } },
  ],
  failure: [{ get: { key: "a" } }],
};

const item = (key: string, value: string) => ({
  key,
  value,
  createRevision: 7,
  modRevision: 7,
  version: 1,
});

/** Runs `kv txn args` with `stdin`, against a client that answers `answer`. */
async function txn(args: string[], stdin: string, answer: TxnAnswer, json = false) {
  const sent: unknown[] = [];
  const out: string[] = [];
  const client = {
    request: async (method: string, path: string, body: unknown) => {
      sent.push({ method, path, body });
      return answer;
    },
  } as unknown as ApiClient;
  const context = {
    options: { url: "http://x", token: undefined, json },
    client,
    output: { out: (line: string) => out.push(line), err: () => {} },
  };
  const code = await runTxn(context, args, Readable.from([Buffer.from(stdin)]));
  return { code, sent, out };
}

describe("kv txn", () => {
  it("reads the body from stdin for -, sends it to the group and prints every op's result", async () => {
    const answer: TxnAnswer = {
      succeeded: true,
      revision: 7,
      results: [
        { kind: "put", item: item("a", "1") },
        { kind: "get", item: null },
        { kind: "delete", deleted: 2 },
      ],
    };
    const run = await txn(["-", "--group", "orders"], JSON.stringify(BODY), answer);
    expect(run.code).toBe(0);
    expect(run.sent).toEqual([{ method: "POST", path: "/v1/groups/orders/txn", body: BODY }]);
    expect(run.out).toEqual([
      "succeeded at revision 7; ran 3 success ops",
      "put a = 1  (version 1)",
      "get b: not found",
      "delete prefix c/: 2 keys deleted",
    ]);
  });

  it("exits 1 and shows the failure branch's results when the compare did not hold", async () => {
    const answer: TxnAnswer = {
      succeeded: false,
      revision: 9,
      results: [{ kind: "get", item: item("a", "x") }],
    };
    const run = await txn(["-"], JSON.stringify(BODY), answer);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      "failed (the compare did not hold) at revision 9; ran 1 failure op",
      "get a = x",
    ]);
    const json = await txn(["-"], JSON.stringify(BODY), answer, true);
    expect(json.out.map((line) => JSON.parse(line))).toEqual([answer]);
  });

  it("reads a file's body as well, and names the source of unreadable or malformed input", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "edgeos-txn-")), "cas.json");
    writeFileSync(file, JSON.stringify(BODY));
    expect(await readTxnBody(file, Readable.from([]))).toEqual(BODY);
    const stdinChunks = Readable.from([Buffer.from('{"compare": ['), Buffer.from("]}")]);
    expect(await readTxnBody("-", stdinChunks)).toEqual({ compare: [] });
    await expect(readTxnBody("-", Readable.from([Buffer.from("{nope")]))).rejects.toThrow(
      /^the txn from stdin is not JSON/,
    );
    const missing = await readTxnBody(join(file, "..", "missing.json"), Readable.from([])).catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(CliError);
    expect((missing as CliError).message).toMatch(/cannot read a txn from .*missing\.json/);
    expect((missing as CliError).exitCode).toBe(2);
  });

  it("reports an empty txn as zero ops run", () => {
    expect(describeTxn({}, { succeeded: true, revision: 3, results: [] })).toEqual([
      "succeeded at revision 3; ran 0 success ops",
    ]);
  });
});
