import { describe, expect, it } from "vitest";
import { putFile, volumeRequest } from "./fs-api";

const text = (s: string) => new TextEncoder().encode(s);

async function listing(path: string, query = "") {
  const answer = await volumeRequest("GET", "default", `/dirs${path}${query}`);
  return {
    status: answer.status,
    body: (await answer.json()) as {
      entries: { name: string; type: string }[];
      cursor?: string;
    },
  };
}

describe("directories of a volume", () => {
  it("makes directories with parents, lists them page by page in name order", async () => {
    const refused = await volumeRequest("POST", "default", "/dirs/a/b/c");
    expect(refused.status).toBe(404);
    const made = await volumeRequest("POST", "default", "/dirs/a/b/c?parents=true");
    expect(made.status).toBe(201);
    expect(((await made.json()) as { created: string[] }).created).toEqual([
      "/a",
      "/a/b",
      "/a/b/c",
    ]);
    for (const name of ["zeta", "alpha", "mid"]) {
      expect((await putFile("default", `/a/${name}`, text(name))).status).toBe(201);
    }
    const first = await listing("/a", "?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e) => e.name)).toEqual(["alpha", "b"]);
    expect(first.body.cursor).toBeDefined();
    const second = await listing(
      "/a",
      `?limit=2&cursor=${encodeURIComponent(first.body.cursor as string)}`,
    );
    expect(second.body.entries.map((e) => e.name)).toEqual(["mid", "zeta"]);
    expect(second.body.cursor).toBeUndefined();
    const root = await listing("");
    expect(root.body.entries.map((e) => [e.name, e.type])).toContainEqual(["a", "dir"]);
  });

  it("renames a directory atomically, refuses moving it into itself, and deletes recursively", async () => {
    await volumeRequest("POST", "default", "/dirs/src/inner?parents=true");
    expect((await putFile("default", "/src/inner/f", text("f"))).status).toBe(201);
    const into = await volumeRequest("POST", "default", "/rename", {
      body: JSON.stringify({ from: "/src", to: "/src/inner/again" }),
      headers: { "content-type": "application/json" },
    });
    expect(into.status).toBe(400);
    const moved = await volumeRequest("POST", "default", "/rename", {
      body: JSON.stringify({ from: "/src", to: "/dst" }),
      headers: { "content-type": "application/json" },
    });
    expect(moved.status).toBe(200);
    expect((await volumeRequest("GET", "default", "/files/src/inner/f")).status).toBe(404);
    expect(await (await volumeRequest("GET", "default", "/files/dst/inner/f")).text()).toBe("f");

    const notEmpty = await volumeRequest("DELETE", "default", "/dirs/dst");
    expect(notEmpty.status).toBe(409);
    const gone = await volumeRequest("DELETE", "default", "/dirs/dst?recursive=true");
    expect(gone.status).toBe(200);
    expect(await gone.json()).toMatchObject({ files: 1, dirs: 2 });
    expect((await listing("/dst")).status).toBe(404);
  });

  it("answers 409 for a file where a directory is needed, and the other way round", async () => {
    expect((await putFile("default", "/plain", text("x"))).status).toBe(201);
    expect((await volumeRequest("POST", "default", "/dirs/plain/sub?parents=true")).status).toBe(
      409,
    );
    expect((await listing("/plain")).status).toBe(409);
    await volumeRequest("POST", "default", "/dirs/folder");
    expect((await volumeRequest("GET", "default", "/files/folder")).status).toBe(409);
    expect((await putFile("default", "/folder", text("x"))).status).toBe(409);
  });
});
