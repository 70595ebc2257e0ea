from decimal import Decimal

from ninja import Schema

from intercity.core.schemas import Money


class Line(Schema):
    amount: Money
    by_currency: dict[str, Money]


def test_money_is_written_with_two_decimals_from_a_decimal_or_an_integer():
    line = Line(amount=Decimal("7500"), by_currency={"USD": Decimal("12.345"), "EUR": 3})
    assert line.model_dump() == {
        "amount": "7500.00",
        "by_currency": {"USD": "12.34", "EUR": "3.00"},
    }


def test_money_is_a_string_in_the_api_document():
    assert Line.model_json_schema(mode="serialization")["properties"]["amount"] == {
        "title": "Amount",
        "type": "string",
    }
