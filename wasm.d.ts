/** A `.wasm` import is a compiled module, in workerd (wrangler's CompiledWasm rule) and in Node (scripts/wasm-module.ts). */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
