import { defineConfig } from "vitest/config";
import { wasmModules } from "./scripts/vite-wasm.ts";

/** Unit layer: pure cores, simulator, checker and math, in Node. */
export default defineConfig({
  plugins: [wasmModules()],
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
  },
});
