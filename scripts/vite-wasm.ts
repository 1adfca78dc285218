/**
 * A Vite plugin for the Node test layers: a `.wasm` import becomes a compiled
 * WebAssembly.Module, as in workerd (wrangler's CompiledWasm rule) and as
 * scripts/wasm-hooks.mjs does for plain Node.
 */
import type { Plugin } from "vitest/config";

/** The plugin; add it to a Vitest config's `plugins`. */
export function wasmModules(): Plugin {
  return {
    name: "edgeos:wasm-modules",
    enforce: "pre",
    load(id) {
      if (!id.endsWith(".wasm")) return null;
      return `import { readFileSync } from "node:fs";
export default new WebAssembly.Module(readFileSync(${JSON.stringify(id)}));`;
    },
  };
}
