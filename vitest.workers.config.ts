import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** Workers layer: the gateway and the DO shells inside workerd, through `SELF` and bindings. */
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          EDGEOS_LOG_REQUESTS: "0",
          // The fuzz files' run count and seed (`npm run fuzz:long`); empty: the fast pass.
          FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
          FUZZ_SEED: process.env.FUZZ_SEED ?? "",
        },
      },
    }),
  ],
  test: {
    include: ["test/workers/**/*.test.ts"],
    setupFiles: ["test/workers/quiet-teardown.ts"],
    testTimeout: 60_000,
  },
});
