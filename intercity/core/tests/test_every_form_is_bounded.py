"""Every date and decimal a person can type into any form of the platform is bounded through
`core.bounds`, so no form can hand year 1, year 9999, NaN or 1e30 to a service."""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

import pytest
from django import forms

from intercity.core.bounds import BoundedDateField, BoundedDateTimeField

ROOT = Path(__file__).resolve().parents[2]


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for path in sorted(ROOT.glob("*/forms*.py")):
        module = import_module(f"intercity.{path.parent.name}.{path.stem}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


FORMS = _form_classes()


def test_the_sweep_finds_the_forms():
    assert len(FORMS) > 20


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: f"{form.__module__}.{form.__name__}")
def test_no_form_takes_an_unbounded_date_or_decimal(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.DateTimeField):
            assert isinstance(field, BoundedDateTimeField), f"{name} is an unbounded datetime"
        elif isinstance(field, forms.DateField):
            assert isinstance(field, BoundedDateField), f"{name} is an unbounded date"
        elif isinstance(field, forms.DecimalField):
            assert field.max_digits is not None, f"{name} is a decimal without max_digits"
            assert field.decimal_places is not None, f"{name} has no decimal_places"


@pytest.mark.django_db
def test_a_meeting_in_the_year_9999_is_a_form_error():
    from intercity.governance.forms import MeetingForm
    from intercity.network.models import Network

    form = MeetingForm(Network.objects.get(slug="wego"), data={"date": "9999-12-31"})
    assert not form.is_valid()
    assert "outside the dates accepted" in str(form.errors["date"])
