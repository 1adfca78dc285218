import { describe } from "vitest";
import { kvCases } from "./kv-cases";

describe("the etcd-like KV over HTTP on a Multi-Paxos group", () => {
  kvCases({ engine: "paxos" });
});
