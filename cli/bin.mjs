#!/usr/bin/env node
// The `edgeos` executable: loads the TypeScript CLI through tsx (Node 20 cannot run .ts).
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
