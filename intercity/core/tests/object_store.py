"""A local S3-compatible server for the object-storage tests: moto's, in a thread of the test's
process, on 127.0.0.1 at a port the system picks; nothing leaves the machine.

The site is pointed at it the way an operator would: `STORAGES["default"]` is what
`core/object_storage.py` makes of a STORAGE_URL and the AWS key variables.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from django.test import override_settings
from moto.server import ThreadedMotoServer

from intercity.core import object_storage

REGION = "ap-northeast-2"
# moto accepts any key; these are what the site is configured with.
KEYS = {"AWS_ACCESS_KEY_ID": "intercity-test", "AWS_SECRET_ACCESS_KEY": "intercity-test-secret"}


@dataclass(frozen=True)
class ObjectStore:
    endpoint: str
    bucket: str
    client: Any  # boto3's S3 client, to look into the bucket behind the site's back

    def url(self, folder: str = "", bucket: str | None = None) -> str:
        path = f"/{folder}" if folder else ""
        return f"s3://{bucket or self.bucket}{path}?endpoint_url={self.endpoint}&region={REGION}"

    @contextmanager
    def in_use(self, folder: str = "", bucket: str | None = None) -> Iterator[None]:
        """The site's uploaded files in this store, configured through STORAGE_URL."""
        default = object_storage.default_storage({"STORAGE_URL": self.url(folder, bucket), **KEYS})
        storages = {
            "default": default,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            yield

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read())


@contextmanager
def local_object_store() -> Iterator[ObjectStore]:
    """A running S3-compatible server with one empty bucket, stopped afterwards."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        bucket = f"intercity-{uuid.uuid4().hex[:12]}"
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield ObjectStore(endpoint, bucket, client)
    finally:
        server.stop()
