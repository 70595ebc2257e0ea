"""Every named route of the site has a name of its own: two modules (or two parts of one) that
give one name to two routes make `{% url %}` link to whichever Django finds first."""

from collections import Counter
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def _names(patterns: list[Any], namespace: str = "") -> list[str]:
    found: list[str] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append(namespace + entry.name)
    return found


def test_no_two_routes_share_a_name():
    names = Counter(_names(get_resolver().url_patterns))
    assert {name: n for name, n in names.items() if n > 1} == {}
