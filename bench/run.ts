/**
 * `npm run bench -- <name> [args...]` runs bench/<name>/main.ts with the remaining
 * arguments; with no name it lists the benchmarks that exist.
 */
import { existsSync, readdirSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const available = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${benchDir}/${entry.name}/main.ts`))
  .map((entry) => entry.name);

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `${name ? `unknown benchmark "${name}". ` : ""}usage: npm run bench -- <name> [args]\nbenchmarks: ${available.join(", ") || "(none yet)"}\n`,
  );
  process.exit(name ? 2 : 0);
}
// Benchmarks import the scheduler's kernels, a `.wasm` module (scripts/wasm-hooks.mjs).
register("../scripts/wasm-hooks.mjs", import.meta.url);
process.argv = [process.argv[0] ?? "node", `${benchDir}/${name}/main.ts`, ...args];
await import(pathToFileURL(`${benchDir}/${name}/main.ts`).href);
