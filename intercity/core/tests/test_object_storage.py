"""Where uploaded files go, as the operator says it (STORAGE_URL or the AWS_* variables), and
/readyz asking the object store itself (a real S3-compatible server on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from intercity.core.object_storage import DISK_BACKEND, S3_BACKEND, SPELLED_OUT, default_storage
from intercity.core.tests.object_store import local_object_store

ROOT = Path(__file__).resolve().parents[3]
KEYS = {"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret/with+signs"}


def options(environ):
    chosen = default_storage(environ)
    assert chosen["BACKEND"] == S3_BACKEND
    found = dict(chosen["OPTIONS"])
    config = found.pop("client_config")
    return found, config


def test_without_a_store_files_stay_on_the_disk():
    assert default_storage({}) == {"BACKEND": DISK_BACKEND}
    assert default_storage({"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"}) == {"BACKEND": DISK_BACKEND}


def test_storage_url_names_the_bucket_folder_endpoint_and_region():
    found, config = options(
        {
            "STORAGE_URL": "s3://city-uploads/intercity/media?"
            "endpoint_url=http://127.0.0.1:9000&region=eu-central-1",
            **KEYS,
        }
    )
    assert found == {
        "bucket_name": "city-uploads",
        "location": "intercity/media",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "eu-central-1",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "secret/with+signs",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    # Another provider's endpoint is addressed by path; timeouts keep a dead store short.
    assert config.s3 == {"addressing_style": "path"}
    assert (config.connect_timeout, config.read_timeout) == (2, 10)


def test_on_aws_itself_a_bucket_alone_will_do_and_boto3_finds_the_keys():
    found, config = options({"STORAGE_URL": "s3://city-uploads"})
    assert (found["bucket_name"], found["location"]) == ("city-uploads", "")
    assert found["endpoint_url"] is found["region_name"] is None
    assert found["access_key"] is found["secret_key"] is None  # the instance's role, ~/.aws
    assert config.s3 == {"addressing_style": "auto"}


def test_the_documented_variables_say_the_same_as_a_storage_url():
    from_url, _ = options(
        {
            "STORAGE_URL": "s3://city-uploads/media?endpoint_url=https://s3.example.org"
            "&region=ap-northeast-2&addressing_style=virtual",
            **KEYS,
        }
    )
    from_variables, config = options(
        {
            "AWS_STORAGE_BUCKET_NAME": "city-uploads",
            "AWS_LOCATION": "/media/",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
            "AWS_S3_REGION_NAME": "ap-northeast-2",
            "AWS_S3_ADDRESSING_STYLE": "virtual",
            **KEYS,
        }
    )
    assert from_variables == from_url
    assert config.s3 == {"addressing_style": "virtual"}


@pytest.mark.parametrize(
    ("environ", "says"),
    [
        ({"STORAGE_URL": "https://city-uploads"}, "must read s3://"),
        ({"STORAGE_URL": "s3://"}, "must read s3://"),
        ({"STORAGE_URL": "s3://bucket:9000"}, "must read s3://"),
        ({"STORAGE_URL": "s3://bucket?endpoint=http://x"}, "may set"),
        ({"STORAGE_URL": "s3://bucket?region=a&region=b"}, "may set"),
        ({"STORAGE_URL": "s3://bucket?region"}, "may set"),
        ({"STORAGE_URL": "s3://bucket?endpoint_url=ftp://x"}, "http(s) address"),
        ({"STORAGE_URL": "s3://bucket?addressing_style=dns"}, "addressing style"),
        (
            {"STORAGE_URL": "s3://bucket", "AWS_STORAGE_BUCKET_NAME": "other"},
            "AWS_STORAGE_BUCKET_NAME: set one or the other",
        ),
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "AWS_STORAGE_BUCKET_NAME is not"),
    ],
)
def test_a_store_said_wrongly_stops_start_up_with_the_reason(environ, says):
    with pytest.raises(ImproperlyConfigured, match=re.escape(says)):
        default_storage(environ)


def test_keys_written_into_the_url_are_refused_and_not_repeated():
    with pytest.raises(ImproperlyConfigured) as refused:
        default_storage({"STORAGE_URL": "s3://AKIAEXAMPLE:hunter2@city-uploads"})
    assert "AWS_ACCESS_KEY_ID" in str(refused.value)
    assert "hunter2" not in str(refused.value)


# --- The site started with them --------------------------------------------------------------

SHOW_STORAGE = (
    "from django.core.files.storage import storages; store = storages['default']; "
    "print(type(store).__name__, store.bucket_name, store.location, store.endpoint_url)"
)


def manage_shell(**variables):
    clean = {k: v for k, v in os.environ.items() if k not in {"STORAGE_URL", *SPELLED_OUT}}
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW_STORAGE],
        cwd=ROOT,
        env={**clean, **variables},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_site_started_with_a_storage_url_keeps_uploads_in_its_bucket():
    started = manage_shell(STORAGE_URL="s3://city-uploads/media?endpoint_url=http://127.0.0.1:9")
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["S3Storage", "city-uploads", "media", "http://127.0.0.1:9"]


def test_the_site_does_not_start_with_a_storage_url_it_cannot_read():
    refused = manage_shell(STORAGE_URL="https://city-uploads.example.org")
    assert refused.returncode != 0
    assert "STORAGE_URL must read s3://" in refused.stderr


# --- /readyz with the files in object storage ---------------------------------------------


@pytest.fixture
def object_store():
    with local_object_store() as store:
        yield store


@pytest.mark.django_db
def test_readyz_reaches_the_bucket(client, object_store):
    with object_store.in_use():
        response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["storage"] == "ok"


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_bucket_does_not_exist(client, object_store, caplog):
    with object_store.in_use(bucket="no-such-bucket"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["failed"] == ["storage"]
    assert b"no-such-bucket" not in response.content  # the reason is in the log only
    [logged] = [r for r in caplog.records if r.name == "intercity.core.health"]
    assert "404" in str(logged.exc_info[1])
