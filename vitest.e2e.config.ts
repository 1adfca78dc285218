import { defineConfig } from "vitest/config";
import { wasmModules } from "./scripts/vite-wasm.ts";

/** End-to-end layer: a real `wrangler dev` on a free loopback port, real HTTP, the CLI, Chromium. */
export default defineConfig({
  plugins: [wasmModules()],
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
