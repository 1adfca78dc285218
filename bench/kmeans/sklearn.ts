/**
 * Runs the scikit-learn side of the k-means benchmark with Debian's python3-sklearn
 * (installing it with apt-get when missing), on the very same CSV files.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Debian's interpreter: the machine's default python3 may be a pyenv one without sklearn. */
const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./sklearn_fit.py", import.meta.url));

/** What one scikit-learn fit reports. */
export interface SklearnFit {
  readonly inertia: number;
  readonly iterations: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly version: string;
}

/** Makes sure `import sklearn` works for Debian's python3, installing the package if not. */
export function ensureSklearn(): void {
  if (spawnSync(PYTHON, ["-c", "import sklearn"]).status === 0) return;
  process.stderr.write("python3-sklearn missing: apt-get install -y python3-sklearn\n");
  const install = spawnSync("sh", ["-c", "apt-get update && apt-get install -y python3-sklearn"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (install.status !== 0 || spawnSync(PYTHON, ["-c", "import sklearn"]).status !== 0) {
    throw new Error("could not install python3-sklearn (needs root and network)");
  }
}

/**
 * One long-lived scikit-learn process (OMP/BLAS threads = 1) that fits on request, so
 * that its fits can alternate with ours and each side is equally warm.
 */
export class SklearnProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;

  constructor() {
    this.child = spawn(PYTHON, [SCRIPT], {
      env: {
        ...process.env,
        OMP_NUM_THREADS: "1",
        OPENBLAS_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
      },
    });
    this.child.stderr.pipe(process.stderr);
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** Fits KMeans(n_clusters=k, n_init, random_state=seed) once on `csv`. */
  async fit(csv: string, k: number, nInit: number, seed: number): Promise<SklearnFit> {
    this.child.stdin.write(`${csv} ${k} ${nInit} ${seed}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error("the scikit-learn process ended early (see stderr)");
    return JSON.parse(next.value) as SklearnFit;
  }

  close(): void {
    this.child.stdin.end();
  }
}
