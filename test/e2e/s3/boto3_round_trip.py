"""The boto3 round trip of the S3 e2e test: bucket, a 64 MiB multipart upload and small
files, a delimiter listing, download, copy, delete. Prints one JSON object of what it saw;
the vitest test asserts on it. Usage: boto3_round_trip.py ENDPOINT ACCESS_KEY SECRET BUCKET FILE"""
import hashlib
import json
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

endpoint, access_key, secret, bucket, path = sys.argv[1:6]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    aws_access_key_id=access_key,
    aws_secret_access_key=secret,
    region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
)
seen = {}
s3.create_bucket(Bucket=bucket)
multipart = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024)
s3.upload_file(path, bucket, "big.bin", Config=multipart)
for name in ["dir/a/1.txt", "dir/a/2.txt", "dir/b/3.txt", "dir/top.txt"]:
    s3.put_object(Bucket=bucket, Key=name, Body=("hello " + name).encode(), ContentType="text/plain",
                  Metadata={"origin": "boto3"})
page = s3.list_objects_v2(Bucket=bucket, Prefix="dir/", Delimiter="/")
seen["keys"] = [c["Key"] for c in page.get("Contents", [])]
seen["prefixes"] = [p["Prefix"] for p in page.get("CommonPrefixes", [])]
head = s3.head_object(Bucket=bucket, Key="dir/top.txt")
seen["contentType"] = head["ContentType"]
seen["metadata"] = head["Metadata"]
seen["bigEtag"] = s3.head_object(Bucket=bucket, Key="big.bin")["ETag"]
body = s3.get_object(Bucket=bucket, Key="big.bin")["Body"]
digest = hashlib.sha256()
for chunk in iter(lambda: body.read(1024 * 1024), b""):
    digest.update(chunk)
seen["downloadSha256"] = digest.hexdigest()
seen["range"] = s3.get_object(Bucket=bucket, Key="dir/top.txt", Range="bytes=0-4")["Body"].read().decode()
s3.copy_object(Bucket=bucket, Key="copy.txt", CopySource={"Bucket": bucket, "Key": "dir/top.txt"})
seen["copied"] = s3.get_object(Bucket=bucket, Key="copy.txt")["Body"].read().decode()
s3.copy({"Bucket": bucket, "Key": "big.bin"}, bucket, "big-copy.bin", Config=multipart)
copied = hashlib.sha256()
stream = s3.get_object(Bucket=bucket, Key="big-copy.bin")["Body"]
for chunk in iter(lambda: stream.read(1024 * 1024), b""):
    copied.update(chunk)
seen["copySha256"] = copied.hexdigest()
keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
seen["deleted"] = sorted(d["Key"] for d in deleted.get("Deleted", []))
seen["left"] = s3.list_objects_v2(Bucket=bucket).get("KeyCount")
s3.delete_bucket(Bucket=bucket)
seen["bucketsAfter"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
print(json.dumps(seen))
