import { describe, expect, it } from "vitest";
import { ROUTE_FAMILIES, routeFamily } from "../../../shared/metrics/route-family";

describe("route families", () => {
  it("groups every route by what it does, never by names in the path", () => {
    const cases: [string, string][] = [
      ["/v1/groups", "groups"],
      ["/v1/groups/orders/members/4", "groups"],
      ["/v1/groups/orders/kv/config/app/db", "kv"],
      ["/v1/groups/orders/txn", "txn"],
      ["/v1/groups/orders/watch", "watch"],
      ["/v1/groups/orders/leases/7/keepalive", "leases"],
      ["/v1/rings/r/keys/k", "dht keys"],
      ["/v1/rings/r/nodes/n1", "rings"],
      ["/v1/volumes/v", "volumes"],
      ["/v1/volumes/v/files/a/b.txt", "files"],
      ["/v1/volumes/v/rename", "dirs"],
      ["/v1/volumes/v/uploads/u/parts/1", "uploads"],
      ["/v1/jobs/0b4f", "jobs"],
      ["/v1/placement", "placement"],
      ["/v1/_faults/rings/r", "faults"],
      ["/v1/metrics", "metrics"],
      ["/ui/live/groups/default", "dashboard"],
      ["/openapi.json", "docs"],
      ["/healthz", "health"],
      ["/v1/nothing", "other"],
      ["/", "other"],
    ];
    for (const [path, family] of cases) expect([path, routeFamily(path)]).toEqual([path, family]);
  });

  it("only ever answers one of the listed families", () => {
    const families = new Set<string>(ROUTE_FAMILIES);
    for (const path of ["", "//", "/v1/groups//", "/v1/groups/g/%00", "/s3/bucket/key"]) {
      expect(families.has(routeFamily(path))).toBe(true);
    }
  });
});
