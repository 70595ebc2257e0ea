"""The refusals core writes (bounds, images, the audit trail's actor) follow the reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from intercity.core import bounds, images
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent


def _refusal(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value.message


def test_a_date_out_of_bounds_is_refused_in_korean():
    with translation.override("ko"):
        message = _refusal(bounds.check_date, dt.date(1800, 1, 1), "paid_on")
    assert message.startswith("paid_on: 1800-01-01")
    assert "허용되는 날짜 범위" in message
    assert "outside" not in message


def test_a_decimal_is_refused_in_one_korean_sentence():
    with translation.override("ko"):
        places = _refusal(bounds.check_decimal, "1.234", "amount", max_digits=10, decimal_places=2)
        finite = _refusal(bounds.check_decimal, "NaN", "amount", max_digits=10, decimal_places=2)
        below = _refusal(
            bounds.check_decimal,
            "-1",
            "amount",
            max_digits=10,
            decimal_places=2,
            minimum=Decimal(0),
        )
    assert places == "amount: 1.234의 소수점 이하 자릿수가 2자리를 넘습니다."
    assert "유한한 숫자" in finite
    assert "finite" not in finite
    assert "보다 작습니다" in below
    assert "below" not in below


def test_the_api_date_message_is_korean():
    with translation.override("ko"), pytest.raises(ValueError, match="YYYY-MM-DD") as refused:
        bounds._iso_date("tomorrow")
    assert "YYYY-MM-DD" in str(refused.value)
    assert "날짜" in str(refused.value)
    assert "Expected" not in str(refused.value)


def test_an_image_refusal_is_korean_and_names_the_file():
    with translation.override("ko"):
        empty = _refusal(images.sanitise, b"", max_bytes=1000)
        garbage = _refusal(images.sanitise, b"not an image", max_bytes=1000, name="pothole.jpg")
        large = _refusal(images.sanitise, b"x" * 2000, max_bytes=1000, name="pothole.jpg")
    assert empty == "사진이(가) 비어 있습니다."
    assert garbage.startswith("pothole.jpg")
    assert "읽을 수 있는 이미지가 아닙니다" in garbage
    assert "바이트" in large
    assert "bytes" not in large


def test_the_platform_is_named_in_korean():
    with translation.override("ko"):
        assert AuditEvent(actor_username="").actor_label == "플랫폼"


@pytest.mark.django_db
def test_the_apis_validation_problems_are_korean_with_accept_language(client):
    response = client.get(
        "/api/v1/networks/wego/members",
        {"on": "28 June", "page": "two"},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 422
    messages = {p["field"]: p["message"] for p in response.json()["detail"]}
    assert "정수를 입력하십시오." in messages.values()
    assert any("YYYY-MM-DD" in m and "날짜" in m for m in messages.values())
    assert not any("Input should" in m or "Value error" in m for m in messages.values())


@pytest.mark.django_db
def test_the_apis_login_refusal_is_korean_and_english_stays_english(client):
    korean = client.post(
        "/api/v1/networks/wego/meetings",
        {},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert korean.status_code == 401
    assert korean.json()["detail"] == "인증이 필요합니다."
    english = client.post("/api/v1/networks/wego/meetings", {}, content_type="application/json")
    assert english.json()["detail"] == "Authentication required."


def test_our_own_validators_refusal_loses_pydantics_english_prefix():
    from intercity.core.api_errors import validation_message

    error = {
        "type": "value_error",
        "msg": "Value error, 잘못된 값",
        "ctx": {"error": ValueError("잘못된 값")},
    }
    assert validation_message(error) == "잘못된 값"
    assert validation_message({"type": "some_new_kind", "msg": "Something odd"}) == "Something odd"
    with translation.override("es"):
        assert validation_message({"type": "string_too_long", "ctx": {"max_length": 5}}) == (
            "Escriba como máximo 5 caracteres."
        )
