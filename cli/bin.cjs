#!/usr/bin/env node
/**
 * The `edgeos` executable. It runs the CLI compiled ahead to one CommonJS file,
 * `build/cli/edgeos.cjs` (scripts/build-cli.mjs), so start-up is Node's own plus loading
 * that file: no TypeScript transpiling, no ES module loader. When the bundle is missing or
 * any file it was made from changed after its build started (the list and the time are
 * on the bundle's first line), it rebuilds first; without esbuild it falls back to
 * transpiling the TypeScript with tsx, which is slower but correct.
 */
"use strict";
const { closeSync, openSync, readSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const bundle = join(root, "build", "cli", "edgeos.cjs");
const HEADER = "// edgeos-cli-build ";
const argv = process.argv.slice(2);

if (bundleIsFresh()) require(bundle).run(argv);
else rebuildAndRun();

/** Whether the bundle exists and none of its sources changed since its build started. */
function bundleIsFresh() {
  try {
    const header = firstLine(bundle);
    if (!header?.startsWith(HEADER)) return false;
    const { startedAt, inputs } = JSON.parse(header.slice(HEADER.length));
    return inputs.every((input) => statSync(join(root, input)).mtimeMs < startedAt);
  } catch {
    return false;
  }
}

/** The first line of `file`, if it is shorter than 16 KiB (the header is about 1 KiB). */
function firstLine(file) {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(16 * 1024);
    const text = buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0));
    const end = text.indexOf("\n");
    return end < 0 ? undefined : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

async function rebuildAndRun() {
  try {
    const { buildCli } = await import("../scripts/build-cli.mjs");
    await buildCli();
  } catch {
    const { register } = await import("tsx/esm/api");
    register();
    const { run } = await import("./entry.ts");
    return run(argv);
  }
  require(bundle).run(argv);
}
