"""The texts accounts writes in Python (role names, refusals) follow the reader's language."""

from __future__ import annotations

import ast
import pathlib

import pytest
from django.utils import translation

from intercity.accounts.models import Role
from intercity.accounts.permissions import REFUSALS, require_secretariat
from intercity.accounts.tests.factories import UserFactory
from intercity.core.errors import PermissionDenied

INTERCITY = pathlib.Path(__file__).resolve().parents[2]


def test_role_names_are_korean():
    with translation.override("ko"):
        labels = dict(Role.choices)
        assert str(labels["secretariat"]) == "사무국 직원"
        assert str(labels["city_officer"]) == "도시 담당관"
        assert "Secretariat" not in str(labels["secretariat"])


@pytest.mark.django_db
def test_a_refusal_is_one_korean_sentence():
    with translation.override("ko"), pytest.raises(PermissionDenied) as refused:
        require_secretariat(UserFactory(), "publish an instrument version")
    message = str(refused.value)
    assert "사무국" in message
    assert "publish" not in message
    assert "Only" not in message


@pytest.mark.django_db
def test_the_general_refusal_is_korean():
    with translation.override("ko"), pytest.raises(PermissionDenied) as refused:
        require_secretariat(UserFactory())
    assert "사무국" in str(refused.value)
    assert "Only" not in str(refused.value)


def _actions_named_by_callers() -> set[str]:
    """Every literal action passed to require_secretariat anywhere in the project."""
    found = set()
    for path in INTERCITY.rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            action = node.args[1]
            if name == "require_secretariat" and isinstance(action, ast.Constant):
                found.add(str(action.value))
    return found


def test_every_action_a_caller_names_has_its_sentence():
    """A caller that names an action with no sentence would tell people only "may do this"."""
    named = _actions_named_by_callers()
    assert named, "the scan found no caller: it is broken"
    assert named <= set(REFUSALS), sorted(named - set(REFUSALS))
