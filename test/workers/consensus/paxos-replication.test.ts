import { describe } from "vitest";
import { replicationCases } from "./replication-cases";

describe("a Multi-Paxos group across replica Durable Objects", () => {
  replicationCases({ engine: "paxos" });
});
