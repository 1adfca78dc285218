/**
 * Node module hooks that load a `.wasm` import as a compiled WebAssembly.Module, the way
 * workerd and wrangler do (Node's own Wasm modules would instantiate it instead).
 * Registered by bench/run.ts; Vitest uses scripts/vite-wasm.ts instead.
 */

/** @type {import("node:module").LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.endsWith(".wasm")) return nextLoad(url, context);
  return {
    format: "module",
    shortCircuit: true,
    source: `import { readFileSync } from "node:fs";
export default new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(url)})));`,
  };
}
