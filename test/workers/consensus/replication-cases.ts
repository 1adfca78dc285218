import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { MIN_SNAPSHOT_EVERY } from "../../../shared/consensus/group-config";
import { abortObject } from "../abort-object";
import {
  call,
  createGroup,
  eventually,
  type GroupOptions,
  put,
  replica,
  status,
} from "./group-api";

/**
 * What every consensus engine must do on replica Durable Objects — election, commit,
 * a leader aborted mid-write, restart catch-up, snapshot install, membership, quiescence
 * and wake — run by one test file per engine (small files keep workerd fast).
 */
export function replicationCases(options: GroupOptions): void {
  it("elects a leader and commits a write on every replica", async () => {
    await createGroup("elect", options);
    const written = await put("elect", "hello", "world");
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ key: "hello", value: "world", version: 1, revision: 1 });
    const group = await eventually(
      () => status("elect"),
      (s) => s.members.every((m) => m.lag === 0),
    );
    expect(group.members.filter((m) => m.role === "leader")).toHaveLength(1);
    expect((await call("GET", "/elect/kv/hello")).body.value).toBe("world");
    const serializable = await call("GET", "/elect/kv/hello?consistency=serializable");
    expect(serializable.body.value).toBe("world");
  });

  it("goes on after the leader's object is aborted mid-write, keeping committed data", async () => {
    await createGroup("crash-leader", options);
    expect((await put("crash-leader", "before", "1")).status).toBe(200);
    const { leader } = await status("crash-leader");
    const inFlight = put("crash-leader", "during", "2");
    await abortObject(replica("crash-leader", leader), "the leader crashes mid-write");
    const during = await inFlight;
    expect([200, 503]).toContain(during.status);
    if (during.status === 503) expect(during.body.outcome ?? "unknown").toBe("unknown");
    expect((await put("crash-leader", "after", "3")).status).toBe(200);
    expect((await call("GET", "/crash-leader/kv/before")).body.value).toBe("1");
    expect((await call("GET", "/crash-leader/kv/after")).body.value).toBe("3");
  });

  it("catches up a replica restarted from storage", async () => {
    await createGroup("restart", options);
    expect((await put("restart", "k0", "v")).status).toBe(200);
    const { leader } = await status("restart");
    const follower = leader === 3 ? 2 : 3;
    await abortObject(replica("restart", follower), "a follower restarts from storage");
    for (let i = 1; i <= 20; i++) expect((await put("restart", `k${i}`, "v")).status).toBe(200);
    const caughtUp = await eventually(
      () => status("restart"),
      (s) => s.members.find((m) => m.id === follower)?.lag === 0,
    );
    expect(caughtUp.commit).toBeGreaterThanOrEqual(21);
  });

  it("installs a snapshot on a replica that fell behind the compacted log", async () => {
    await createGroup("snap", { ...options, snapshotEvery: MIN_SNAPSHOT_EVERY });
    expect((await put("snap", "seed", "v")).status).toBe(200);
    const { leader } = await status("snap");
    const lagging = leader === 3 ? 2 : 3;
    const others = [1, 2, 3].filter((id) => id !== lagging);
    for (const id of [1, 2, 3])
      await replica("snap", id).setFaults({ partition: [others, [lagging]] });
    const writers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; i < Math.ceil((MIN_SNAPSHOT_EVERY + 100) / 16); i++) {
        const answer = await put("snap", `w${w}-${i}`, "x");
        if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
      }
    });
    await Promise.all(writers);
    for (const id of [1, 2, 3]) await replica("snap", id).setFaults({});
    await eventually(
      () => status("snap"),
      (s) => s.members.find((m) => m.id === lagging)?.lag === 0,
      30_000,
    );
    const snapshotIndex = await runInDurableObject(
      replica("snap", lagging),
      (_, state) => state.storage.sql.exec("SELECT idx FROM snapshot").one().idx as number,
    );
    expect(snapshotIndex).toBeGreaterThan(0);
    const read = await call("GET", "/snap/kv/w15-0?consistency=serializable");
    expect(read.status).toBe(200);
  }, 120_000);

  it("adds a member as a learner that becomes a voter once caught up, then removes it", async () => {
    await createGroup("members", options);
    for (let i = 0; i < 5; i++) expect((await put("members", `m${i}`, "v")).status).toBe(200);
    const added = await call("POST", "/members/members", { id: 4 });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toEqual({ voters: [1, 2, 3, 4], learners: [] });
    const grown = await eventually(
      () => status("members"),
      (s) => s.members.find((m) => m.id === 4)?.lag === 0,
    );
    expect(grown.members).toHaveLength(4);
    expect((await put("members", "after-add", "v")).status).toBe(200);
    const { leader } = await status("members");
    const removable = leader === 4 ? 3 : 4;
    const removed = await call("DELETE", `/members/members/${removable}`);
    expect(removed.status).toBe(200);
    expect((removed.body.voters as number[]).includes(removable)).toBe(false);
    const refused = await call("DELETE", `/members/members/${leader}`);
    expect(refused.status).toBe(409);
  });

  it("goes quiet when idle — no alarm and no RPC on any replica — and wakes on the next write", async () => {
    await createGroup("quiet", options);
    expect((await put("quiet", "k", "v")).status).toBe(200);
    await eventually(
      () => status("quiet"),
      (s) => s.quiesced,
      10_000,
    );
    const alarms = async () =>
      Promise.all(
        [1, 2, 3].map((id) =>
          runInDurableObject(replica("quiet", id), (_, state) => state.storage.getAlarm()),
        ),
      );
    await eventually(alarms, (all) => all.every((alarm) => alarm === null), 10_000);
    const before = await Promise.all(
      [1, 2, 3].map((id) => replica("quiet", id).status({ id, bootstrap: null }, false)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await Promise.all(
      [1, 2, 3].map((id) => replica("quiet", id).status({ id, bootstrap: null }, false)),
    );
    for (let i = 0; i < 3; i++) {
      const [b, a] = [before[i], after[i]];
      if (!b?.ok || !a?.ok) throw new Error("status failed");
      expect(a.value.stats.peerCallsOut).toBe(b.value.stats.peerCallsOut);
      expect(a.value.stats.alarms).toBe(b.value.stats.alarms);
    }
    // Evicted while idle, a replica keeps its request counters and stays quiet.
    await abortObject(replica("quiet", 1), "an idle replica is evicted");
    const restarted = await replica("quiet", 1).status({ id: 1, bootstrap: null }, false);
    if (!restarted.ok || !after[0]?.ok) throw new Error("status failed");
    expect(restarted.value.stats.clientCalls).toBe(after[0].value.stats.clientCalls);
    expect(
      await runInDurableObject(replica("quiet", 1), (_, state) => state.storage.getAlarm()),
    ).toBeNull();
    expect((await put("quiet", "k", "again")).status).toBe(200);
    expect((await call("GET", "/quiet/kv/k")).body.value).toBe("again");
  });

  it("evicted while idle, a group reports its applied index and last leader, and serves the next write at once", async () => {
    await createGroup("cold", options);
    for (let i = 1; i <= 5; i++) expect((await put("cold", `k${i}`, `v${i}`)).status).toBe(200);
    const quiet = await eventually(
      () => status("cold"),
      (s) => s.quiesced && s.members.every((m) => m.lag === 0),
      10_000,
    );
    const alarms = () =>
      Promise.all(
        [1, 2, 3].map((id) =>
          runInDurableObject(replica("cold", id), (_, state) => state.storage.getAlarm()),
        ),
      );
    await eventually(alarms, (all) => all.every((alarm) => alarm === null), 10_000);
    for (const id of [1, 2, 3]) await abortObject(replica("cold", id), "every replica is evicted");
    const evicted = await status("cold");
    expect(evicted).toMatchObject({
      state: "evicted",
      leader: 0,
      lastLeader: quiet.leader,
      term: quiet.term,
      commit: quiet.commit,
      applied: quiet.applied,
    });
    expect(evicted.applied).toBeGreaterThanOrEqual(5);
    // Reading the status woke nothing.
    expect(await alarms()).toEqual([null, null, null]);
    // The replica asked campaigns and serves the write once it leads (see cold-wake.test.ts).
    const written = await call("PUT", "/cold/kv/k6", { value: "v6" });
    expect(written.status).toBe(200);
    expect((await call("GET", "/cold/kv/k1")).body.value).toBe("v1");
  });
}
