import { describe, expect, it } from "vitest";
import { parseSimArgs } from "../../../shared/sim/cli-args";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";

describe("sim CLI arguments", () => {
  it("parses the documented invocation", () => {
    const args = parseSimArgs(
      "--engine raft --nodes 5 --seed 7 --ops 500 --faults partition,crash,drop,dup,delay --history out.jsonl".split(
        " ",
      ),
    );
    expect(args).toMatchObject({
      engine: { name: "raft" },
      nodes: 5,
      seed: 7,
      ops: 500,
      faults: ["partition", "crash", "drop", "dup", "delay"],
      history: "out.jsonl",
    });
  });

  it("takes the Paxos engine with flexible quorums checked against --nodes", () => {
    expect(parseSimArgs(["--quorums", "4,2", "--engine", "paxos", "--nodes", "5"]).engine).toEqual({
      name: "paxos",
      quorums: { phase1: 4, phase2: 2 },
    });
    expect(parseSimArgs(["--engine", "paxos"]).engine).toEqual({ name: "paxos" });
  });

  it("accepts --flag=value, 'all' and 'none'", () => {
    expect(parseSimArgs(["--faults=none", "--ops=3"])).toMatchObject({ faults: [], ops: 3 });
    expect(parseSimArgs(["--faults", "all"]).faults).toEqual([...FAULT_NAMES]);
    expect(parseSimArgs(["--runs", "1000"]).runs).toBe(1000);
    expect(parseSimArgs([]).runs).toBe(1);
  });

  it("rejects bad input with a message naming the option", () => {
    expect(() => parseSimArgs(["--engine", "pbft"])).toThrow(/--engine must be "raft" or "paxos"/);
    expect(() => parseSimArgs(["--quorums", "4,2"])).toThrow(/needs --engine paxos/);
    expect(() => parseSimArgs(["--engine", "paxos", "--quorums", "2,3"])).toThrow(/must exceed/);
    expect(() => parseSimArgs(["--engine", "paxos", "--quorums", "four"])).toThrow(/P1,P2/);
    expect(() => parseSimArgs(["--nodes", "x"])).toThrow(/--nodes must be a whole number/);
    expect(() => parseSimArgs(["--nodes", "0"])).toThrow(/between 1 and 15/);
    expect(() => parseSimArgs(["--ops"])).toThrow(/--ops needs a value/);
    expect(() => parseSimArgs(["--faults", "drop,flood"])).toThrow(/unknown fault "flood"/);
    expect(() => parseSimArgs(["--speed", "3"])).toThrow(/unknown option --speed/);
    expect(() => parseSimArgs(["stray"])).toThrow(/unexpected argument/);
  });
});
