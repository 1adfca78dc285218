import { describe, expect, it } from "vitest";
import type { ApiClient } from "../../../cli/client";
import { dhtCommand } from "../../../cli/commands/dht";

/** Runs `dht put k v` against a client that answers `answer`; returns stdout lines. */
async function put(answer: object): Promise<string[]> {
  const out: string[] = [];
  const client = { request: async () => answer } as unknown as ApiClient;
  const context = {
    options: { url: "http://x", token: undefined, json: false },
    client,
    output: { out: (line: string) => out.push(line), err() {} },
  };
  expect(await dhtCommand.run(context, ["put", "k", "v"])).toBe(0);
  return out;
}

describe("edgeos dht put", () => {
  it("prints the version the server answered", async () => {
    expect(await put({ key: "k", version: 4, node: "n1", hops: 0 })).toEqual([
      "k stored, version 4",
    ]);
  });

  it("prints no version when the server gave none, never a placeholder", async () => {
    expect(await put({ key: "k", node: "n1", hops: 0 })).toEqual(["k stored"]);
  });
});
