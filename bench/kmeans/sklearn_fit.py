"""Fits scikit-learn's KMeans single-threaded on request, timing only the fit.

Reads one request per stdin line, `FILE K N_INIT SEED`, and answers each with one JSON line:
inertia and iterations of the fit, its CPU and wall milliseconds, and the scikit-learn
version. The process stays up between requests, so the benchmark can alternate fits of
both sides and scikit-learn is as warm for every fit as the other side.
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

loaded = {}
with threadpool_limits(limits=1):
    for line in sys.stdin:
        if not line.strip():
            continue
        path, k, n_init, seed = line.split()
        if path not in loaded:
            loaded[path] = np.loadtxt(path, delimiter=",", ndmin=2)[:, :2]
        model = KMeans(n_clusters=int(k), n_init=int(n_init), random_state=int(seed))
        c0, w0 = time.process_time(), time.perf_counter()
        model.fit(loaded[path])
        cpu_ms = (time.process_time() - c0) * 1000
        wall_ms = (time.perf_counter() - w0) * 1000
        print(json.dumps({
            "inertia": float(model.inertia_),
            "iterations": int(model.n_iter_),
            "cpuMs": cpu_ms,
            "wallMs": wall_ms,
            "version": sklearn.__version__,
        }), flush=True)
