import { describe, expect, it } from "vitest";
import {
  type KvCommand,
  MAX_KEY_BYTES,
  MAX_TXN_OPS,
  MAX_VALUE_BYTES,
  type TxnOp,
  validateCommand,
} from "../../../shared/kv/index";
import { Rng } from "../../../shared/rng";
import { KvHarness } from "./kv-harness";

describe("bounds", () => {
  it("measures keys in UTF-8 bytes: 1 KiB fits, one byte more is too large", () => {
    expect(validateCommand({ type: "put", key: "k".repeat(MAX_KEY_BYTES), value: "" })).toBeNull();
    expect(
      validateCommand({ type: "put", key: "k".repeat(MAX_KEY_BYTES + 1), value: "" }),
    ).toMatchObject({
      code: "too_large",
      field: "key",
    });
    // 342 × "€" is 1,026 bytes but only 342 UTF-16 units.
    expect(validateCommand({ type: "get", key: "€".repeat(342) })).toMatchObject({
      code: "too_large",
    });
    expect(validateCommand({ type: "get", key: "€".repeat(341) })).toBeNull();
  });

  it("accepts a 128 KiB value and rejects one byte more, naming the nested field", () => {
    expect(
      validateCommand({ type: "put", key: "k", value: "v".repeat(MAX_VALUE_BYTES) }),
    ).toBeNull();
    const big: TxnOp = { put: { key: "k", value: "v".repeat(MAX_VALUE_BYTES + 1) } };
    expect(
      validateCommand({ type: "txn", compare: [], success: [], failure: [big] }),
    ).toMatchObject({
      code: "too_large",
      field: "failure[0].put.value",
    });
  });

  it(`allows ${MAX_TXN_OPS} ops per txn list and no more`, () => {
    const ops = (n: number): TxnOp[] =>
      Array.from({ length: n }, (_, i) => ({ get: { key: `k${i}` } }));
    expect(
      validateCommand({ type: "txn", compare: [], success: ops(MAX_TXN_OPS), failure: [] }),
    ).toBeNull();
    expect(
      validateCommand({ type: "txn", compare: [], success: ops(MAX_TXN_OPS + 1), failure: [] }),
    ).toMatchObject({ code: "too_large", field: "success" });
  });

  it("names the field of malformed commands", () => {
    const cases: [unknown, string][] = [
      [{ type: "put", key: "", value: "v" }, "key"],
      [{ type: "put", key: "k", value: 5 }, "value"],
      [{ type: "put", key: "k\ud800", value: "v" }, "key"],
      [{ type: "put", key: "k", value: "v", lease: 0 }, "lease"],
      [{ type: "range", prefix: "", limit: -1 }, "limit"],
      [{ type: "leaseGrant", ttl: 0, now: 0 }, "ttl"],
      [{ type: "leaseGrant", ttl: 10, now: Number.NaN }, "now"],
      [{ type: "compact", revision: 1.5 }, "revision"],
      [{ type: "frobnicate" }, "type"],
      [
        {
          type: "txn",
          compare: [{ key: "k", target: "size", op: "=", value: 1 }],
          success: [],
          failure: [],
        },
        "compare[0].target",
      ],
      [
        {
          type: "txn",
          compare: [{ key: "k", target: "version", op: "<=", value: 1 }],
          success: [],
          failure: [],
        },
        "compare[0].op",
      ],
      [
        {
          type: "txn",
          compare: [{ key: "k", target: "version", op: "=", value: "1" }],
          success: [],
          failure: [],
        },
        "compare[0].value",
      ],
      [
        {
          type: "txn",
          compare: [],
          success: [{ put: { key: "a", value: "" }, get: { key: "a" } }],
          failure: [],
        },
        "success[0]",
      ],
    ];
    for (const [command, field] of cases) {
      expect(validateCommand(command as KvCommand), JSON.stringify(command)).toMatchObject({
        kind: "error",
        code: "invalid",
        field,
      });
    }
  });

  it("answers an error from apply for an invalid command and changes nothing", () => {
    const h = new KvHarness();
    h.put("k", "v");
    const before = h.state();
    const result = h.run({ type: "put", key: "k", value: "v".repeat(MAX_VALUE_BYTES + 1) });
    expect(result).toMatchObject({ kind: "error", code: "too_large", field: "value" });
    expect(h.run(null as unknown as KvCommand)).toMatchObject({ kind: "error", code: "invalid" });
    expect(h.state()).toBe(before);
  });
});

describe("apply on garbage", () => {
  it("never throws and changes nothing on 5,000 malformed commands", () => {
    const rng = new Rng(5);
    const atoms: unknown[] = [
      null,
      undefined,
      0,
      -1,
      1.5,
      2 ** 60,
      "",
      "k",
      "x".repeat(2_000),
      true,
      {},
      [],
    ];
    const fields = [
      "type",
      "key",
      "value",
      "prefix",
      "limit",
      "lease",
      "ttl",
      "now",
      "id",
      "revision",
      "compare",
      "success",
      "failure",
      "put",
      "get",
      "delete",
      "target",
      "op",
    ];
    const types = [
      "put",
      "get",
      "range",
      "delete",
      "txn",
      "leaseGrant",
      "leaseKeepAlive",
      "leaseRevoke",
      "expireLeases",
      "compact",
      "nope",
    ];
    const garbage = (depth: number): unknown => {
      if (depth > 2 || rng.chance(0.4)) return rng.pick(atoms);
      if (rng.chance(0.3)) return Array.from({ length: rng.int(3) }, () => garbage(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--) object[rng.pick(fields)] = garbage(depth + 1);
      return object;
    };
    const h = new KvHarness();
    h.put("k", "v");
    const before = h.state();
    let rejected = 0;
    for (let i = 0; i < 5_000; i++) {
      const command = { ...(garbage(0) as object), type: rng.pick(types) } as Record<
        string,
        unknown
      >;
      if (command.type === "txn") {
        // Mostly well-shaped lists, so that the checks of their entries run too.
        const list = () =>
          Array.from({ length: rng.int(3) }, () => ({ [rng.pick(fields)]: garbage(1) }));
        for (const name of ["compare", "success", "failure"])
          if (rng.chance(0.8)) command[name] = list();
        if (rng.chance(0.3)) command.compare = [garbage(2)];
      }
      const error = validateCommand(command as KvCommand);
      if (!error) continue; // a well-formed command by chance: applying it may change state
      rejected++;
      expect(h.run(command as KvCommand)).toEqual(error);
    }
    expect(rejected).toBeGreaterThan(4_500);
    expect(h.state()).toBe(before);
  });
});
