"""API schemas every module answers with, defined once so the OpenAPI document has one
component per name (core/tests/test_api_schema_names.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

CENT = Decimal("0.01")


def two_decimals(value: Any) -> str:
    """An amount as the API writes it: exact, with two decimals ("7500.00"), never a float."""
    return str(Decimal(value).quantize(CENT))


# An amount of money in the API: a Decimal (or int) read from the object becomes a string
# with two decimals; the currency is its own field beside it (an invoice's, a payment's).
Money = Annotated[str, BeforeValidator(two_decimals)]


# Every refusal: `detail` is the message, or ninja's list of invalid fields (422). No
# docstring: pydantic would put it in the document as a description.
class ErrorOut(Schema):
    detail: str | list[dict[str, str]]


class OrganisationRef(Schema):
    id: int
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty when unknown.")
