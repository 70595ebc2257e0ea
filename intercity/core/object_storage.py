"""Where uploaded files (CPS photos, assessment evidence) are kept: the local disk, or an
S3-compatible object store shared by every server process (decision 0023).

Read by settings.py from the environment, so it imports nothing of Django's apps. Either

- `STORAGE_URL=s3://<bucket>[/<folder>]?endpoint_url=https://…&region=…&addressing_style=…`
  (every query parameter optional: AWS itself needs none), or
- the variables django-storages documents: `AWS_STORAGE_BUCKET_NAME` (which turns it on),
  `AWS_S3_ENDPOINT_URL`, `AWS_S3_REGION_NAME`, `AWS_LOCATION` (a folder in the bucket),
  `AWS_S3_ADDRESSING_STYLE`;

not both. The keys are always `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (never in the
URL, which ends up in logs and process lists); unset, boto3 looks for them where it always
does (an instance's or a container's role, `~/.aws`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
DISK_BACKEND = "django.core.files.storage.FileSystemStorage"
# The variables STORAGE_URL stands for: setting one of them beside it would be two answers.
SPELLED_OUT = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_LOCATION",
    "AWS_S3_ADDRESSING_STYLE",
)
QUERY = {"endpoint_url", "region", "addressing_style"}
ADDRESSING_STYLES = {"auto", "path", "virtual"}


def default_storage(environ: Mapping[str, str]) -> dict[str, Any]:
    """`STORAGES["default"]`: S3 when STORAGE_URL or AWS_STORAGE_BUCKET_NAME is set, else the
    local disk under MEDIA_ROOT."""
    place = _from_url(environ) if environ.get("STORAGE_URL") else _from_variables(environ)
    if place is None:
        return {"BACKEND": DISK_BACKEND}
    return {"BACKEND": S3_BACKEND, "OPTIONS": _options(environ, **place)}


def _from_url(environ: Mapping[str, str]) -> dict[str, str]:
    raw = environ["STORAGE_URL"].strip()
    both = [name for name in SPELLED_OUT if environ.get(name)]
    if both:
        raise ImproperlyConfigured(
            f"STORAGE_URL is set, and so is {', '.join(both)}: set one or the other."
        )
    parts = urlsplit(raw)
    # The bucket is the whole host part: no keys (user:secret@) and no port belong there.
    bucket = parts.netloc
    if parts.scheme != "s3" or not bucket or "@" in bucket or ":" in bucket:
        raise ImproperlyConfigured(
            "STORAGE_URL must read s3://<bucket>[/<folder>][?endpoint_url=…&region=…], with "
            f"the keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; got {_shown(raw)!r}"
        )
    try:
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:  # a parameter without "="
        query = {"": []}
    if set(query) - QUERY or any(len(values) > 1 for values in query.values()):
        raise ImproperlyConfigured(
            f"STORAGE_URL may set {', '.join(sorted(QUERY))} once each; got {_shown(raw)!r}"
        )
    return {
        "bucket": bucket,
        "folder": parts.path.strip("/"),
        "endpoint_url": query.get("endpoint_url", [""])[0],
        "region": query.get("region", [""])[0],
        "addressing_style": query.get("addressing_style", [""])[0],
    }


def _from_variables(environ: Mapping[str, str]) -> dict[str, str] | None:
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        given = [name for name in SPELLED_OUT if environ.get(name)]
        if given:
            raise ImproperlyConfigured(
                f"{', '.join(given)} is set but AWS_STORAGE_BUCKET_NAME is not: name the bucket "
                "to keep uploaded files in object storage, or unset them to keep them on disk."
            )
        return None
    return {
        "bucket": bucket,
        "folder": environ.get("AWS_LOCATION", "").strip("/ "),
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL", "").strip(),
        "region": environ.get("AWS_S3_REGION_NAME", "").strip(),
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE", "").strip(),
    }


def _options(
    environ: Mapping[str, str],
    *,
    bucket: str,
    folder: str,
    endpoint_url: str,
    region: str,
    addressing_style: str,
) -> dict[str, Any]:
    from botocore.config import Config

    if endpoint_url and urlsplit(endpoint_url).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            f"The object store's endpoint must be an http(s) address; got {endpoint_url!r}"
        )
    # Another provider's endpoint (MinIO, Ceph, Garage, a cloud's S3 service) is reached
    # by path: its buckets rarely have a DNS name each. AWS itself chooses.
    style = addressing_style or ("path" if endpoint_url else "auto")
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"The addressing style must be one of {', '.join(sorted(ADDRESSING_STYLES))}; "
            f"got {style!r}"
        )
    return {
        "bucket_name": bucket,
        "location": folder,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        # Files are private: no ACL of our own (the bucket's, which should block public
        # access), and every file is served by the site after its permission check.
        "default_acl": None,
        "querystring_auth": True,
        # Two uploads named alike (every photo is "photo.jpg" on some phones) must both be
        # kept, as on disk: the name gets a suffix instead of replacing the first.
        "file_overwrite": False,
        # A store that does not answer fails a request (and /readyz) in seconds, not minutes.
        "client_config": Config(
            s3={"addressing_style": style},
            signature_version="s3v4",
            connect_timeout=2,
            read_timeout=10,
            retries={"mode": "standard", "max_attempts": 3},
        ),
    }


def _shown(raw: str) -> str:
    """The URL for an error message, without anything that looks like a secret."""
    parts = urlsplit(raw)
    if parts.password or parts.username:
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()
    return raw
