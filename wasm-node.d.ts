/**
 * The part of the WebAssembly JS API that Node code here uses. TypeScript declares it only
 * in its DOM and WebWorker libraries, and this project's @types/node (20) not at all;
 * workerd code gets it from @cloudflare/workers-types instead.
 */
declare namespace WebAssembly {
  type ImportValue = ((...args: never[]) => unknown) | number | Memory;
  type Imports = Record<string, Record<string, ImportValue>>;
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
}
