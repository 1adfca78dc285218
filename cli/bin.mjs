#!/usr/bin/env node
// The `edgeos` executable: loads the TypeScript CLI through tsx (Node 20 cannot run .ts).
// A closed pipe (`edgeos … | head`) ends it quietly with exit 0; nothing prints a stack trace.
import { register } from "tsx/esm/api";

register();
const { installQuietExit } = await import("./quiet-exit.ts");
installQuietExit(process);
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
