import { describe, expect, it } from "vitest";
import { jobsByState } from "../../../workers/ui/job-counts";
import { breadcrumbs } from "../../../workers/ui/key-path";
import { knownNames, MAX_SHOWN } from "../../../workers/ui/known-names";
import { isUiPage, liveDataPath } from "../../../workers/ui/ui-paths";

describe("dashboard paths", () => {
  it("makes pages public but never their data fragments", () => {
    expect(isUiPage("/ui")).toBe(true);
    expect(isUiPage("/ui/groups/default")).toBe(true);
    expect(isUiPage("/ui/live")).toBe(false);
    expect(isUiPage("/ui/live/groups/default")).toBe(false);
    expect(isUiPage("/ui/rings/default")).toBe(true);
    expect(isUiPage("/ui/jobs")).toBe(true);
    expect(isUiPage("/ui/live/jobs")).toBe(false);
    expect(isUiPage("/ui/jobs/0b4f6a52-3c1e-4b8e-9a55-2f7d1c9e0a11")).toBe(true);
    expect(isUiPage("/ui/live/jobs/0b4f6a52-3c1e-4b8e-9a55-2f7d1c9e0a11")).toBe(false);
    expect(isUiPage("/ui/live/rings/default")).toBe(false);
    expect(isUiPage("/ui/volumes/default")).toBe(true);
    expect(isUiPage("/ui/live/volumes/default")).toBe(false);
    expect(isUiPage("/ui/groups/a/b")).toBe(false);
    expect(isUiPage("/uix")).toBe(false);
  });

  it("finds a page's fragment under /ui/live", () => {
    expect(liveDataPath("/ui")).toBe("/ui/live");
    expect(liveDataPath("/ui/groups/orders")).toBe("/ui/live/groups/orders");
  });
});

describe("what the overview shows", () => {
  it("keeps names once, in first-seen order, and at most MAX_SHOWN", () => {
    expect(knownNames(["default", "a", "default", "", "b"])).toEqual(["default", "a", "b"]);
    const many = Array.from({ length: MAX_SHOWN + 3 }, (_, i) => `g${i}`);
    expect(knownNames(many)).toHaveLength(MAX_SHOWN);
  });

  it("counts jobs by state, states with none included", () => {
    const job = {
      kind: "k",
      site: null,
      attempts: 1,
      createdAt: "",
      finishedAt: null,
      error: null,
    };
    const jobs = [
      { ...job, id: "1", state: "queued" },
      { ...job, id: "2", state: "succeeded" },
      { ...job, id: "3", state: "succeeded" },
    ];
    expect(jobsByState(jobs, ["queued", "running", "succeeded"])).toEqual([
      ["queued", 1],
      ["running", 0],
      ["succeeded", 2],
    ]);
  });

  it("turns a key prefix into the folders above it", () => {
    expect(breadcrumbs("")).toEqual([]);
    expect(breadcrumbs("config/app/")).toEqual([
      { label: "config/", prefix: "config/" },
      { label: "app/", prefix: "config/app/" },
    ]);
  });
});
