"""Reading the seed files every module loads: YAML parsed by libyaml's C loader where PyYAML
was built with it (ten times faster than the pure-Python parser, which took half of a seed
run), and kept per process by path and modification time, so the tests that seed a fresh
database again (`committed_seed`) parse each file once. Each call returns its own copy: a
loader may change what it reads without touching the next run's."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(path: Path | str) -> Any:
    """The YAML document at `path`, as `yaml.safe_load` would give it."""
    path = Path(path)
    return copy.deepcopy(_parsed(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=256)
def _parsed(path: str, modified: int) -> Any:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
