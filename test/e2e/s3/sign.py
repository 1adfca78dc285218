"""Signs one request with botocore's SigV4 for S3 (an independent signer for the e2e
signature tests). Reads JSON on stdin: method, url, headers, body (text), accessKey,
secret, form ("header" or "presigned"), optional expires (seconds) and skewSeconds (sign
as if the clock were that far off). Prints JSON: the url and headers to send."""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
skew = datetime.timedelta(seconds=spec.get("skewSeconds", 0))


class SkewedClock(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + skew


class Clock:
    datetime = SkewedClock


botocore.auth.datetime = Clock
credentials = Credentials(spec["accessKey"], spec["secret"])
request = AWSRequest(method=spec["method"], url=spec["url"], data=spec.get("body", "").encode(),
                     headers=spec.get("headers", {}))
if spec.get("form") == "presigned":
    botocore.auth.S3SigV4QueryAuth(credentials, "s3", "us-east-1", expires=spec.get("expires", 300)).add_auth(request)
else:
    botocore.auth.S3SigV4Auth(credentials, "s3", "us-east-1").add_auth(request)
print(json.dumps({"url": request.url, "headers": dict(request.headers.items())}))
