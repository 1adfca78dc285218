import { describe, expect, it } from "vitest";
import { FsNamespace } from "../../../shared/fs/namespace";
import type { FsOp } from "../../../shared/fs/types";

const run = (ns: FsNamespace, volume: string, op: FsOp) =>
  ns.apply({ type: "fs", volume, now: 1000, op }, 1);

describe("volumes over one ring", () => {
  it("may share it within a group, but a ring never serves two groups' volumes", () => {
    const ns = new FsNamespace();
    expect(run(ns, "a", { kind: "createVolume", ring: "r1", group: "g1" }).ok).toBe(true);
    expect(run(ns, "b", { kind: "createVolume", ring: "r1", group: "g1" }).ok).toBe(true);
    const other = run(ns, "c", { kind: "createVolume", ring: "r1", group: "g2" });
    expect(other).toMatchObject({ ok: false, problem: { kind: "conflict", field: "op.ring" } });
    // The implicit default volume holds ring "default" for the default group.
    const onDefault = run(ns, "d", { kind: "createVolume", ring: "default", group: "g2" });
    expect(onDefault.ok).toBe(false);
    expect(run(ns, "c", { kind: "volumeInfo" }).ok).toBe(false);
  });
});
