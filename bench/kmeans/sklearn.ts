/**
 * Runs the scikit-learn side of the k-means benchmark with Debian's python3-sklearn
 * (installing it with apt-get when missing), on the very same CSV file.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Debian's interpreter: the machine's default python3 may be a pyenv one without sklearn. */
const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./sklearn_fit.py", import.meta.url));

/** What one scikit-learn run reports. */
export interface SklearnRun {
  readonly inertia: number;
  readonly iterations: number;
  readonly cpuMs: number[];
  readonly wallMs: number[];
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

/** Fits KMeans(n_clusters=k, n_init, random_state=seed) `repeats` times on `csv`. */
export function runSklearn(
  csv: string,
  k: number,
  nInit: number,
  seed: number,
  repeats: number,
): SklearnRun {
  const run = spawnSync(
    PYTHON,
    [SCRIPT, csv, String(k), String(nInit), String(seed), String(repeats)],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        OMP_NUM_THREADS: "1",
        OPENBLAS_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
      },
    },
  );
  if (run.status !== 0) throw new Error(`scikit-learn run failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as SklearnRun;
}
