"""The one place that bounds what a person can send: dates, datetimes, ids and decimals.

Every entry point (a form, an import, an API parameter or body) checks its values here, so a
date in the year 1 or 9999, an id past a 64-bit column, or a decimal that is `NaN`, infinite
or wider than its column is refused with a message instead of reaching the database or the
date arithmetic and answering 500.

- API: annotate a parameter or schema field with `IsoDate`, `IsoDateTime`, `DbId` (and
  `Decimal` fields with `decimal_field`); the validator refuses integers read as Unix time.
- Forms: `BoundedDateField`, `BoundedDateTimeField`, `BoundedDecimalField`.
- Services and imports: `check_date`, `check_datetime`, `check_decimal`, which raise
  `DomainError`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from intercity.core.errors import DomainError

# Dates a person may send. The registry's history starts with WeGO's predecessor (2010); the
# statute's deadlines and a city's plans reach a few decades ahead. Founding dates of
# organisations are the one older kind of date, and they are bounded by EARLIEST_HISTORIC.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)
EARLIEST_HISTORIC = dt.date(1000, 1, 1)
EARLIEST_YEAR = EARLIEST.year
LATEST_YEAR = LATEST.year
# The largest value of a 64-bit signed column (BigAutoField, BigIntegerField).
MAX_DB_ID = 2**63 - 1
MAX_DB_INT = 2**31 - 1

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?"
)


def date_message() -> str:
    """What the API says a date must look like, in the reader's language."""
    return _("Expected a date written YYYY-MM-DD between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST,
        "latest": LATEST,
    }


def date_problem(value: dt.date, *, earliest: dt.date = EARLIEST) -> str | None:
    if not earliest <= value <= LATEST:
        return _("%(date)s is outside the dates accepted (%(earliest)s to %(latest)s).") % {
            "date": value.isoformat(),
            "earliest": earliest,
            "latest": LATEST,
        }
    return None


def check_date(value: dt.date, field: str = "date", *, earliest: dt.date = EARLIEST) -> dt.date:
    if not earliest <= value <= LATEST:
        # Translators: %(field)s is the name of the field as the API spells it (e.g. paid_on).
        raise DomainError(
            _("%(field)s: %(date)s is outside the dates accepted (%(earliest)s to %(latest)s).")
            % {"field": field, "date": value.isoformat(), "earliest": earliest, "latest": LATEST}
        )
    return value


def check_year(value: int, field: str = "year") -> int:
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        # Translators: %(field)s is the name of the field as the API spells it (e.g. year).
        raise DomainError(
            _("%(field)s: %(year)s is outside the years accepted (%(earliest)s to %(latest)s).")
            % {"field": field, "year": value, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
        )
    return value


def check_datetime(value: dt.datetime, field: str = "time") -> dt.datetime:
    check_date(value.date(), field)
    return value


def decimal_problem(value: Decimal, max_digits: int, decimal_places: int) -> str | None:
    """Why `value` does not fit a `DecimalField(max_digits, decimal_places)`, or None: what
    the number must be, said after it ("12.345 has more than 2 decimal places.").

    Callers that write a whole sentence use `decimal_refusal`."""
    kind = _decimal_fault(value, max_digits, decimal_places)
    if kind is None:
        return None
    # Translators: said of a number written just before it ("NaN must be a finite number.").
    if kind == "finite":
        return _("must be a finite number.")
    if kind == "places":
        # Translators: said of a number written just before it.
        return _("has more than %(places)s decimal places.") % {"places": decimal_places}
    # Translators: said of a number written just before it.
    return _("must be less than %(limit)s in size.") % {
        "limit": f"{Decimal(10) ** (max_digits - decimal_places):,}"
    }


def _decimal_fault(value: Decimal, max_digits: int, decimal_places: int) -> str | None:
    if not value.is_finite():
        return "finite"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if max(0, -exponent) > decimal_places:
        return "places"
    whole_digits = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    if whole_digits > max_digits - decimal_places:
        return "size"
    return None


def decimal_refusal(
    value: Any, number: Decimal, field: str, *, max_digits: int, decimal_places: int
) -> str | None:
    """Why `number` (as the person wrote it, `value`) does not fit the column, as one
    sentence naming the field, or None."""
    kind = _decimal_fault(number, max_digits, decimal_places)
    names = {"field": field, "value": value}
    # Translators: %(field)s is the name of the field as the API spells it (e.g. amount).
    if kind == "finite":
        return _("%(field)s: %(value)s must be a finite number.") % names
    if kind == "places":
        return _("%(field)s: %(value)s has more than %(places)s decimal places.") % {
            **names,
            "places": decimal_places,
        }
    if kind == "size":
        return _("%(field)s: %(value)s must be less than %(limit)s in size.") % {
            **names,
            "limit": f"{Decimal(10) ** (max_digits - decimal_places):,}",
        }
    return None


def check_decimal(
    value: Any, field: str, *, max_digits: int, decimal_places: int, minimum: Decimal | None = None
) -> Decimal:
    """A decimal from text or a number, refused (DomainError) when it is not finite, or does
    not fit the column, or is below `minimum`."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("%(field)s: '%(value)s' is not a number.") % {"field": field, "value": value}
        ) from None
    refusal = decimal_refusal(
        value, number, field, max_digits=max_digits, decimal_places=decimal_places
    )
    if refusal:
        raise DomainError(refusal)
    if minimum is not None and number < minimum:
        raise DomainError(
            _("%(field)s: %(value)s is below %(minimum)s.")
            % {"field": field, "value": value, "minimum": minimum}
        )
    return number


# --- API types (pydantic, used by django-ninja) -------------------------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError(date_message())
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(_("%(value)s is not a calendar date.") % {"value": value}) from None
    raise ValueError(date_message())


def _date_in_range(value: dt.date) -> dt.date:
    problem = date_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _iso_datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATETIME.fullmatch(value.strip()):
        return value.strip()
    raise ValueError(_("Expected a date and time written as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)."))


def _datetime_in_range(value: dt.datetime) -> dt.datetime:
    problem = date_problem(value.date())
    if problem:
        raise ValueError(problem)
    return value


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    AfterValidator(_date_in_range),
    WithJsonSchema({"type": "string", "format": "date"}),
]
IsoDateTime = Annotated[
    dt.datetime,
    BeforeValidator(_iso_datetime),
    AfterValidator(_datetime_in_range),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
DbId = Annotated[int, Field(ge=1, le=MAX_DB_ID)]
DbInt = Annotated[int, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]
Year = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]


# --- Form fields ---------------------------------------------------------------------------


class BoundedDateField(forms.DateField):
    """A date field that refuses dates outside EARLIEST..LATEST with a message."""

    def __init__(self, *args: Any, earliest: dt.date = EARLIEST, **kwargs: Any) -> None:
        self.earliest = earliest
        super().__init__(*args, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            problem = date_problem(value, earliest=self.earliest)
            if problem:
                raise ValidationError(problem, code="out_of_range")


class BoundedDateTimeField(forms.DateTimeField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            problem = date_problem(value.date())
            if problem:
                raise ValidationError(problem, code="out_of_range")


class BoundedDecimalField(forms.DecimalField):
    """Django's DecimalField already refuses NaN and infinity and checks the digits; this one
    also needs max_digits and decimal_places, so no form field is left unbounded."""

    def __init__(self, *args: Any, max_digits: int, decimal_places: int, **kwargs: Any) -> None:
        super().__init__(*args, max_digits=max_digits, decimal_places=decimal_places, **kwargs)
