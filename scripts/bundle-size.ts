/**
 * Checks the dry-run bundle in dist/ against the free plan's 3 MiB (gzip) Worker size
 * limit and prints the measured size. Exits non-zero when over the limit or when there
 * is no bundle.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The free plan's limit on a Worker's compressed size. */
const FREE_PLAN_GZIP_LIMIT_BYTES = 3 * 1024 * 1024;

const DIST = "dist";

function bundleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return bundleFiles(path);
    return /\.(m?js|wasm)$/.test(name) ? [path] : [];
  });
}

const files = bundleFiles(DIST);
if (files.length === 0) {
  process.stderr.write(`no bundle in ${DIST}/: run wrangler deploy --dry-run --outdir ${DIST}\n`);
  process.exit(1);
}
const raw = files.reduce((sum, file) => sum + statSync(file).size, 0);
const gzip = gzipSync(Buffer.concat(files.map((file) => readFileSync(file))), { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
process.stdout.write(
  `bundle: ${files.length} file(s), ${kib(raw)} raw, ${kib(gzip)} gzip (free plan limit ${kib(FREE_PLAN_GZIP_LIMIT_BYTES)}, ${((100 * gzip) / FREE_PLAN_GZIP_LIMIT_BYTES).toFixed(1)}% used)\n`,
);
if (gzip > FREE_PLAN_GZIP_LIMIT_BYTES) {
  process.stderr.write("bundle is over the free plan's gzip size limit\n");
  process.exit(1);
}
