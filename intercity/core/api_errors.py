"""The API's own refusals in the reader's language: authentication, and the validation
problems pydantic finds before a service runs. Pydantic writes its messages in English
("Field required", "Value error, ..."); each kind of problem a person can meet gets a
translated sentence here, with the limits pydantic reports (`ctx`) as placeholders. A kind not
listed keeps pydantic's English rather than a vague sentence."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext


def authentication_required() -> str:
    return gettext("Authentication required.")


def _enter_whole_number(ctx: Mapping[str, Any]) -> str:
    return gettext("Enter a whole number.")


def _enter_number(ctx: Mapping[str, Any]) -> str:
    return gettext("Enter a number.")


MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda ctx: gettext("This field is required."),
    "int_parsing": _enter_whole_number,
    "int_type": _enter_whole_number,
    "int_from_float": _enter_whole_number,
    "float_parsing": _enter_number,
    "float_type": _enter_number,
    "decimal_parsing": _enter_number,
    "decimal_type": _enter_number,
    "finite_number": lambda ctx: gettext("Enter a finite number."),
    "bool_parsing": lambda ctx: gettext("Enter true or false."),
    "bool_type": lambda ctx: gettext("Enter true or false."),
    "string_type": lambda ctx: gettext("Enter text."),
    "date_parsing": lambda ctx: gettext("Enter a date written YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda ctx: gettext("Enter a date written YYYY-MM-DD."),
    "date_type": lambda ctx: gettext("Enter a date written YYYY-MM-DD."),
    "datetime_parsing": lambda ctx: gettext(
        "Enter a date and time written as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)."
    ),
    "datetime_from_date_parsing": lambda ctx: gettext(
        "Enter a date and time written as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)."
    ),
    "datetime_type": lambda ctx: gettext(
        "Enter a date and time written as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)."
    ),
    "uuid_parsing": lambda ctx: gettext("Enter a UUID."),
    "url_parsing": lambda ctx: gettext("Enter a web address."),
    "string_too_long": lambda ctx: (
        gettext("Write at most %(limit)s characters.") % {"limit": ctx.get("max_length", "?")}
    ),
    "string_too_short": lambda ctx: (
        gettext("Write at least %(limit)s characters.") % {"limit": ctx.get("min_length", "?")}
    ),
    "too_long": lambda ctx: (
        gettext("Give at most %(limit)s items.") % {"limit": ctx.get("max_length", "?")}
    ),
    "too_short": lambda ctx: (
        gettext("Give at least %(limit)s items.") % {"limit": ctx.get("min_length", "?")}
    ),
    "greater_than_equal": lambda ctx: (
        gettext("Enter %(limit)s or more.") % {"limit": ctx.get("ge", "?")}
    ),
    "greater_than": lambda ctx: (
        gettext("Enter more than %(limit)s.") % {"limit": ctx.get("gt", "?")}
    ),
    "less_than_equal": lambda ctx: (
        gettext("Enter %(limit)s or less.") % {"limit": ctx.get("le", "?")}
    ),
    "less_than": lambda ctx: gettext("Enter less than %(limit)s.") % {"limit": ctx.get("lt", "?")},
    "enum": lambda ctx: (
        gettext("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    ),
    "literal_error": lambda ctx: (
        gettext("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    ),
    "json_invalid": lambda ctx: gettext("The request body is not valid JSON."),
    "model_attributes_type": lambda ctx: gettext("Send an object (a JSON dictionary)."),
    "dict_type": lambda ctx: gettext("Send an object (a JSON dictionary)."),
    "model_type": lambda ctx: gettext("Send an object (a JSON dictionary)."),
    "list_type": lambda ctx: gettext("Send a list."),
}


def validation_message(error: Mapping[str, Any]) -> str:
    """One problem pydantic found, as a sentence in the active language.

    A `value_error` is one of our own validators' refusals, already translated: it is given
    without pydantic's "Value error, " prefix."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    message = MESSAGES.get(kind)
    if message is not None:
        return message(ctx)
    return str(error.get("msg", "invalid"))
