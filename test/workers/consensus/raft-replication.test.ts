import { describe } from "vitest";
import { replicationCases } from "./replication-cases";

describe("a Raft group across replica Durable Objects", () => {
  replicationCases({ engine: "raft" });
});
