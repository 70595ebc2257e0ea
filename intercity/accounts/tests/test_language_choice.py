"""Choosing the language: the header's switcher (a plain form, no JavaScript), a person's saved
preference before the switcher's cookie before the browser's Accept-Language, and refusals."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from intercity.accounts.models import User
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_english():
    """A request in another language leaves that language active in the test's thread; the
    tests that run after these on the same worker expect English."""
    yield
    translation.deactivate()


WEGO = "/networks/wego/"


def _switch(client: Client, language: str, following: str = WEGO):
    return client.post(reverse("choose_language"), {"language": language, "next": following})


def _lang(response) -> str:
    page = response.content.decode()
    return str(page.split('<html lang="', 1)[1].split('"', 1)[0])


def test_the_header_offers_the_switcher_as_a_form(client):
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("choose_language")}"' in page
    for code in ("en", "ko", "zh-hans", "ru", "es"):
        assert f'name="language" value="{code}"' in page


def test_switching_without_javascript_redirects_back_and_sets_the_cookie(client):
    response = _switch(client, "ko")
    assert response.status_code == 302
    assert response["Location"] == WEGO
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    page = client.get(WEGO)
    assert _lang(page) == "ko"
    assert "회원 명부" in page.content.decode()


def test_a_signed_in_person_has_the_choice_saved_and_gets_it_on_another_browser(seoul_officer):
    first = Client()
    first.force_login(seoul_officer)
    _switch(first, "ko")
    seoul_officer.refresh_from_db()
    assert seoul_officer.language == "ko"
    assert AuditEvent.objects.filter(verb="choose_language").exists()
    other = Client()  # no cookie, an English browser
    other.force_login(seoul_officer)
    assert _lang(other.get(WEGO, HTTP_ACCEPT_LANGUAGE="en")) == "ko"


def test_accept_language_gives_russian(client):
    response = client.get(WEGO, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert _lang(response) == "ru"
    assert "справочник членов" in response.content.decode()


def test_the_preference_beats_the_cookie_which_beats_the_header(client, seoul_officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert _lang(client.get(WEGO, HTTP_ACCEPT_LANGUAGE="ru")) == "es"
    User.objects.filter(pk=seoul_officer.pk).update(language="zh-hans")
    client.force_login(seoul_officer)
    assert _lang(client.get(WEGO, HTTP_ACCEPT_LANGUAGE="ru")) == "zh-hans"


def test_an_unknown_language_is_refused_and_nothing_is_saved(client, seoul_officer):
    client.force_login(seoul_officer)
    response = _switch(client, "xx")
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    seoul_officer.refresh_from_db()
    assert seoul_officer.language == ""
    assert not AuditEvent.objects.filter(verb="choose_language").exists()


@pytest.mark.parametrize(
    "following", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"]
)
def test_an_open_redirect_in_next_is_refused(client, following):
    response = _switch(client, "ko", following)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_refusal_reads_in_the_language_of_the_request(client):
    response = client.post(
        reverse("choose_language"), {"language": "xx"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response.status_code == 400
    assert "사이트에서 제공하는 언어 중 하나를 선택하십시오." in response.content.decode()


def test_error_pages_are_translated(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 404
    page = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in page
    assert "Page not found" not in page
