import { describe, expect, it } from "vitest";
import { childPath, dirCrumbs, volumeApiPath } from "../../../workers/ui/volume-path";
import { dedupText, underReplicatedText } from "../../../workers/ui/volume-text";

describe("the file browser's paths", () => {
  it("lists the directories down to a path, each with its own path", () => {
    expect(dirCrumbs("/")).toEqual([]);
    expect(dirCrumbs("/a/b c")).toEqual([
      { label: "a", path: "/a" },
      { label: "b c", path: "/a/b c" },
    ]);
  });

  it("joins a directory and a child's name with one slash", () => {
    expect(childPath("/", "x")).toBe("/x");
    expect(childPath("/a", "x")).toBe("/a/x");
  });

  it("encodes every segment of an API path, and maps the root to the route's base", () => {
    expect(volumeApiPath("v", "dirs", "/")).toBe("/v1/volumes/v/dirs");
    expect(volumeApiPath("v", "files", "/a b/ü?#")).toBe("/v1/volumes/v/files/a%20b/%C3%BC%3F%23");
  });
});

describe("a volume's counts in words", () => {
  it("says the dedup ratio and under-replicated chunks", () => {
    expect(dedupText(1)).toBe("1.00×");
    expect(dedupText(2.345)).toBe("2.35×");
    expect(underReplicatedText(0)).toBe("none");
    expect(underReplicatedText(3)).toBe("3 chunks short of copies");
  });
});
