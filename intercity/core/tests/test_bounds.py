"""The shared bounds refuse what a person could send that the database or date arithmetic
cannot hold, and accept everything in range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from intercity.core import bounds
from intercity.core.errors import DomainError

DATE = TypeAdapter(bounds.IsoDate)
DATETIME = TypeAdapter(bounds.IsoDateTime)
ID = TypeAdapter(bounds.DbId)


@pytest.mark.parametrize("raw", ["0", 0, "1700000000", "2017-6-1", "0001-01-01", "9999-12-31", ""])
def test_an_api_date_is_an_iso_date_in_range(raw):
    with pytest.raises(ValidationError):
        DATE.validate_python(raw)


def test_an_api_date_in_range_is_read():
    assert DATE.validate_python("2017-06-28") == dt.date(2017, 6, 28)


def test_an_impossible_calendar_date_is_refused():
    with pytest.raises(ValidationError):
        DATE.validate_python("2017-02-30")


@pytest.mark.parametrize("raw", ["0001-01-01T00:00:00Z", "9999-12-31", "0", 12])
def test_an_api_datetime_out_of_range_or_numeric_is_refused(raw):
    with pytest.raises(ValidationError):
        DATETIME.validate_python(raw)


def test_an_api_datetime_in_range_keeps_its_zone():
    value = DATETIME.validate_python("2026-12-01T10:00:00+09:00")
    assert value.utcoffset() == dt.timedelta(hours=9)


def test_an_id_past_a_64_bit_column_is_refused():
    with pytest.raises(ValidationError):
        ID.validate_python(99999999999999999999)
    assert ID.validate_python(bounds.MAX_DB_ID) == bounds.MAX_DB_ID


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e30", "12.345", "abc"])
def test_a_decimal_that_does_not_fit_its_column_is_refused(raw):
    with pytest.raises(DomainError):
        bounds.check_decimal(raw, "amount", max_digits=12, decimal_places=2)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    )
)
def test_every_decimal_that_fits_is_accepted(value):
    assert bounds.check_decimal(value, "amount", max_digits=12, decimal_places=2) == value


@given(st.dates())
def test_check_date_accepts_exactly_the_range(value):
    inside = bounds.EARLIEST <= value <= bounds.LATEST
    if inside:
        assert bounds.check_date(value) == value
    else:
        with pytest.raises(DomainError):
            bounds.check_date(value)


def test_a_form_date_outside_the_range_is_a_form_error():
    field = bounds.BoundedDateField()
    with pytest.raises(Exception, match="outside the dates accepted"):
        field.clean("0001-01-01")
    assert field.clean("2026-12-03") == dt.date(2026, 12, 3)


def test_a_form_decimal_refuses_nan():
    field = bounds.BoundedDecimalField(max_digits=12, decimal_places=2)
    for raw in ("NaN", "Infinity", "1e30"):
        with pytest.raises(Exception):  # noqa: B017, PT011 - django's ValidationError
            field.clean(raw)
    assert field.clean("12.50") == Decimal("12.50")
