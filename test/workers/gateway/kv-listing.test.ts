import { describe, expect, it } from "vitest";
import { MAX_SEPARATOR_BYTES } from "../../../shared/kv";
import { DEFAULT_RANGE_LIMIT, MAX_RANGE_LIMIT } from "../../../workers/gateway/routes/kv-range";
import { call, createGroup, put } from "../consensus/group-api";

interface Listing {
  items: { key: string; value?: string }[];
  prefixes?: string[];
  count?: number;
  more: boolean;
  cursor?: string;
}

const TREE = ["config/app/db", "config/app/url", "config/log", "config/web/port", "configs"];

async function list(query: string): Promise<Listing> {
  const answer = await call("GET", `/tree/kv?${query}`);
  if (answer.status !== 200) throw new Error(`${query}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as Listing;
}

describe("listing keys over HTTP", () => {
  it("browses one tree level with a separator and pages through it by cursor", async () => {
    await createGroup("tree");
    for (const key of TREE) expect((await put("tree", key, "v")).status).toBe(200);
    const level = await list("prefix=config/&separator=/");
    expect(level.items.map((i) => i.key)).toEqual(["config/log"]);
    expect(level.prefixes).toEqual(["config/app/", "config/web/"]);

    const first = await list("prefix=config/&separator=/&limit=2");
    expect(first).toMatchObject({ prefixes: ["config/app/"], more: true, cursor: "config/web/" });
    const next = await list(`prefix=config/&separator=/&limit=2&cursor=${first.cursor}`);
    expect(next).toMatchObject({ items: [], prefixes: ["config/web/"], more: false });
  });

  it("ranges by [start, end), strips values and counts", async () => {
    const range = await list("start=config/app/url&end=configs&keysOnly=true");
    expect(range.items.map((i) => i.key)).toEqual([
      "config/app/url",
      "config/log",
      "config/web/port",
    ]);
    expect(range.items.every((i) => i.value === undefined)).toBe(true);
    expect(await list("prefix=config/&countOnly=true")).toMatchObject({ count: 4, items: [] });
    const paged: string[] = [];
    let cursor = "";
    for (let page = 0; page < 10; page++) {
      const result = await list(`prefix=config&limit=2${cursor && `&cursor=${cursor}`}`);
      paged.push(...result.items.map((i) => i.key));
      if (!result.more) break;
      cursor = encodeURIComponent(result.cursor ?? "");
    }
    expect(paged).toEqual(TREE);
  });

  it("answers meaningless combinations with a 400 and oversized bounds with a 413, naming the field", async () => {
    const cases: [string, string, number][] = [
      ["start=b&end=a", "query.end", 400],
      ["countOnly=true&keysOnly=true", "query.countOnly", 400],
      ["countOnly=true&limit=5", "query.limit", 400],
      ["separator=", "query.separator", 400],
      [`separator=${"-".repeat(MAX_SEPARATOR_BYTES + 1)}`, "query.separator", 413],
      [`limit=${MAX_RANGE_LIMIT + 1}`, "query.limit", 400],
      ["limit=0", "query.limit", 400],
      ["keysOnly=yes", "query.keysOnly", 400],
      [`cursor=${"c".repeat(1025)}`, "query.cursor", 413],
    ];
    for (const [query, field, status] of cases) {
      const answer = await call("GET", `/tree/kv?${query}`);
      expect(answer.status, query).toBe(status);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.body.field, query).toBe(field);
    }
    const longest = await call("GET", `/tree/kv?separator=${"-".repeat(MAX_SEPARATOR_BYTES)}`);
    expect(longest.status).toBe(200);
    expect(DEFAULT_RANGE_LIMIT).toBeLessThanOrEqual(MAX_RANGE_LIMIT);
  });
});
