"""Fits scikit-learn's KMeans on a CSV of x,y rows, single-threaded, timing only the fit.

Usage: sklearn_fit.py FILE K N_INIT SEED REPEATS
Prints one JSON object: inertia and iterations of the last fit, CPU and wall milliseconds
of each fit, and the scikit-learn version.
"""
import json
import os
import sys
import time

for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = "1"

import numpy as np  # noqa: E402  (after the thread limits, which must precede it)
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

path, k, n_init, seed, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.loadtxt(path, delimiter=",", ndmin=2)[:, :2]
cpu_ms, wall_ms = [], []
with threadpool_limits(limits=1):
    for _ in range(repeats):
        model = KMeans(n_clusters=k, n_init=n_init, random_state=seed)
        c0, w0 = time.process_time(), time.perf_counter()
        model.fit(X)
        cpu_ms.append((time.process_time() - c0) * 1000)
        wall_ms.append((time.perf_counter() - w0) * 1000)
print(json.dumps({
    "inertia": float(model.inertia_),
    "iterations": int(model.n_iter_),
    "cpuMs": cpu_ms,
    "wallMs": wall_ms,
    "version": sklearn.__version__,
}))
