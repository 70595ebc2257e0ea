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

DATE_MESSAGE = f"a date written YYYY-MM-DD between {EARLIEST} and {LATEST}"


def date_problem(value: dt.date, *, earliest: dt.date = EARLIEST) -> str | None:
    if not earliest <= value <= LATEST:
        return f"{value.isoformat()} is outside the dates accepted ({earliest} to {LATEST})."
    return None


def check_date(value: dt.date, field: str = "date", *, earliest: dt.date = EARLIEST) -> dt.date:
    problem = date_problem(value, earliest=earliest)
    if problem:
        raise DomainError(f"{field}: {problem}")
    return value


def check_year(value: int, field: str = "year") -> int:
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        raise DomainError(
            f"{field}: {value} is outside the years accepted ({EARLIEST_YEAR} to {LATEST_YEAR})."
        )
    return value


def check_datetime(value: dt.datetime, field: str = "time") -> dt.datetime:
    check_date(value.date(), field)
    return value


def decimal_problem(value: Decimal, max_digits: int, decimal_places: int) -> str | None:
    """Why `value` does not fit a `DecimalField(max_digits, decimal_places)`, or None."""
    if not value.is_finite():
        return "must be a finite number."
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    places = max(0, -exponent)
    if places > decimal_places:
        return f"has more than {decimal_places} decimal places."
    whole_digits = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    if whole_digits > max_digits - decimal_places:
        limit = Decimal(10) ** (max_digits - decimal_places)
        return f"must be less than {limit:,} in size."
    return None


def check_decimal(
    value: Any, field: str, *, max_digits: int, decimal_places: int, minimum: Decimal | None = None
) -> Decimal:
    """A decimal from text or a number, refused (DomainError) when it is not finite, or does
    not fit the column, or is below `minimum`."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(f"{field}: '{value}' is not a number.") from None
    problem = decimal_problem(number, max_digits, decimal_places)
    if problem:
        raise DomainError(f"{field}: {value} {problem}")
    if minimum is not None and number < minimum:
        raise DomainError(f"{field}: {value} is below {minimum}.")
    return number


# --- API types (pydantic, used by django-ninja) -------------------------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError(DATE_MESSAGE)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value} is not a calendar date") from None
    raise ValueError(DATE_MESSAGE)


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
    raise ValueError("a date and time written as ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)")


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
