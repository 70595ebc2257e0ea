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
