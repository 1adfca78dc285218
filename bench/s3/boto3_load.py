"""One closed loop of PUTs or GETs of same-sized objects at a given concurrency, from one
Python process, through either edgeos's S3 endpoint (boto3) or the file system's own
HTTP API (urllib3, the HTTP library boto3 itself sends with). Prints one JSON line:
ops, bytes, seconds, ops/s and MB/s.

s3-no-expect is boto3 without its Expect: 100-continue on PUTs (workerd never answers
100 Continue, so botocore waits 1 s for it before sending each body).

Usage: boto3_load.py {s3|s3-no-expect|native} {put|get} BASE_URL ACCESS_KEY SECRET SIZE CONCURRENCY SECONDS"""
import json
import os
import sys
import threading
import time

import boto3
import botocore.handlers
import urllib3
from botocore.config import Config

mode, op, base, access_key, secret = sys.argv[1:6]
size, concurrency, seconds = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
BUCKET = "bench"
body = os.urandom(size)

pool = urllib3.PoolManager(maxsize=concurrency)
s3 = boto3.client(
    "s3",
    endpoint_url=f"{base}/s3",
    aws_access_key_id=access_key,
    aws_secret_access_key=secret,
    region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, max_pool_connections=concurrency,
                  retries={"max_attempts": 1}),
)
if mode == "s3-no-expect":
    s3.meta.events.unregister("before-call.s3", botocore.handlers.add_expect_header)


def key(worker, n):
    # A GET reads the objects the PUT pass wrote (one per worker and slot).
    return f"s{size}/w{worker}/o{n % 4}"


def put(worker, n):
    if mode != "native":
        s3.put_object(Bucket=BUCKET, Key=key(worker, n), Body=body)
    else:
        answer = pool.request("PUT", f"{base}/v1/volumes/{BUCKET}/files/{key(worker, n)}", body=body,
                              headers={"content-type": "application/octet-stream"})
        assert answer.status == 201, answer.status


def get(worker, n):
    if mode != "native":
        stream = s3.get_object(Bucket=BUCKET, Key=key(worker, n))["Body"]
        got = 0
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            got += len(chunk)
    else:
        answer = pool.request("GET", f"{base}/v1/volumes/{BUCKET}/files/{key(worker, n)}", preload_content=False)
        assert answer.status == 200, answer.status
        got = sum(len(chunk) for chunk in answer.stream(1 << 20))
        answer.release_conn()
    assert got == size, got


action = put if op == "put" else get
done = [0] * concurrency
failures = []
deadline = time.monotonic() + seconds


def worker(w):
    n = 0
    # At least one round per worker, so every slot a GET reads exists and slow sizes count.
    while n < 4 or time.monotonic() < deadline:
        try:
            action(w, n)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            failures.append(repr(error))
            return
        n += 1
        done[w] += 1


started = time.monotonic()
threads = [threading.Thread(target=worker, args=(w,)) for w in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - started
ops = sum(done)
print(json.dumps({
    "mode": mode, "op": op, "size": size, "concurrency": concurrency, "ops": ops,
    "seconds": round(elapsed, 3), "opsPerSec": round(ops / elapsed, 1),
    "MBps": round(ops * size / elapsed / 1e6, 2), "failures": failures[:3],
}))
