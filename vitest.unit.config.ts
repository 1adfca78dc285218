import { defineConfig } from "vitest/config";

/** Unit layer: pure cores, simulator, checker and math, in Node. */
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
  },
});
