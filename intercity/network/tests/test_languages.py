"""The registry's pages in other languages: every interface string in the reader's language,
the registry's content in it where a translation exists, English unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from intercity.core.errors import DomainError
from intercity.core.tests.visible import english_on_page, visible_texts
from intercity.network import services
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_english():
    """A request in another language leaves that language active in the test's thread; the
    tests that run after these on the same worker expect English."""
    yield
    translation.deactivate()


def _get(client, url: str, language: str | None = None, **params):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.get(url, params, **headers)


def test_the_network_page_in_korean_has_no_english_interface_text(client):
    page = _get(client, reverse("network", args=["wego"]), "ko").content.decode()
    assert '<html lang="ko">' in page
    assert english_on_page(page, "ko") == []
    for korean in (
        "현재 회원",
        "회원 지도",
        "회원 유형",
        "지역사무소",
        "출처",
        "총회",
        "집행위원회",
    ):
        assert korean in page, korean
    # The network's own name and description are Korean too (seed_data/translations.yaml).
    assert "세계스마트지속가능도시기구" in page
    assert "World Smart Sustainable Cities Organization" not in visible_texts(page)


def test_the_member_directory_in_korean_has_no_english_interface_text(client):
    page = _get(client, reverse("directory", args=["wego"]), "ko").content.decode()
    assert english_on_page(page, "ko") == []
    for korean in ("WeGO 회원 명부", "필터", "이름 또는 국가", "아부다비"):
        assert korean in page, korean
    # Dates in the Korean format.
    assert "년" in page
    assert "월" in page


def test_the_directory_and_the_home_page_in_english_are_unchanged(client):
    page = _get(client, reverse("directory", args=["wego"]), q="Seoul").content.decode()
    assert '<html lang="en">' in page
    assert "WeGO member directory" in page
    assert "Name or country" in page
    assert "Seoul" in page
    assert "서울" not in page
    home = _get(client, reverse("home")).content.decode()
    assert "Networks of cities, run in the open" in home


def test_the_home_and_organisation_pages_in_korean(client):
    home = _get(client, reverse("home"), "ko").content.decode()
    assert english_on_page(home, "ko") == []
    assert "공개적으로 운영되는 도시 네트워크" in home
    seoul = Organisation.objects.get(key="seoul")
    profile = _get(client, reverse("organisation", args=[seoul.pk]), "ko").content.decode()
    assert english_on_page(profile, "ko") == []
    assert "<h1>서울</h1>" in profile
    assert "회원 이력" in profile


@pytest.mark.parametrize(
    ("language", "expected", "html_lang"),
    [
        ("ru", "Справочник членов WeGO", "ru"),
        ("zh-hans", "WeGO 会员名录", "zh-hans"),
        ("es", "Directorio de miembros de WeGO", "es"),
    ],
)
def test_accept_language_gives_the_directory_in_that_language(
    client, language, expected, html_lang
):
    page = _get(client, reverse("directory", args=["wego"]), language).content.decode()
    assert f'<html lang="{html_lang}">' in page
    assert expected in page
    assert english_on_page(page, language) == []


def test_russian_and_spanish_city_names_in_their_own_language(client):
    page = _get(client, reverse("directory", args=["wego"]), "ru", q="Ulyanovsk").content.decode()
    assert "Ульяновск" in page
    page = _get(client, reverse("directory", args=["wego"]), "es", q="Mexico").content.decode()
    assert "Ciudad de México" in page


def test_search_finds_a_member_by_its_korean_name(client):
    page = _get(client, reverse("directory", args=["wego"]), "ko", q="서울").content.decode()
    assert "서울" in page
    assert "이 필터에 맞는 회원이 없습니다" not in page


def test_a_bad_filter_is_explained_in_korean(client):
    response = _get(client, reverse("directory", args=["wego"]), "ko", on="yesterday")
    assert response.status_code == 400
    page = response.content.decode()
    assert "아래 필터를 고치십시오." in page
    assert "Please correct the filters below." not in page


def test_a_profile_form_error_is_in_korean(client, seoul_officer):
    client.force_login(seoul_officer)
    seoul = Organisation.objects.get(key="seoul")
    response = client.post(
        reverse("organisation_edit", args=[seoul.pk]),
        {"name": "Seoul", "incumbent_term_start": "2020", "incumbent_term_end": "2018"},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    page = response.content.decode()
    assert "프로필이 저장되지 않았습니다." in page
    assert "임기는 시작하기 전에 끝날 수 없습니다." in page


def test_an_api_refusal_is_in_korean(client):
    response = client.get(
        "/api/v1/networks/wego/members", {"status": "nonsense"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response.status_code == 400
    assert "알 수 없는 상태 'nonsense'" in response.json()["detail"]


def test_the_seed_keeps_english_in_the_original_column_and_adds_translations():
    wego = Network.objects.get(slug="wego")
    assert wego.name_en == "World Smart Sustainable Cities Organization"
    assert wego.name_ko == "세계스마트지속가능도시기구"
    with translation.override("ko"):
        assert Network.objects.get(slug="wego").name == "세계스마트지속가능도시기구"
    with translation.override("en"):
        assert Organisation.objects.get(key="seoul").name == "Seoul"
    # Korean has no translation for Edmonton's Spanish name: Spanish falls back to English.
    with translation.override("es"):
        assert Organisation.objects.get(key="edmonton").name == "Edmonton"
    # Queries stay on the English column (core.translated).
    with translation.override("ko"):
        first = Organisation.objects.order_by("name").values_list("name_en", flat=True).first()
    assert first == Organisation.objects.order_by("name_en").values_list("name_en", flat=True)[0]


def test_the_secretariat_translates_a_name_and_it_is_audited(secretariat):
    gimpo = Organisation.objects.get(key="gimpo")
    services.translate_content(secretariat, gimpo, {"name_es": "Gimpo (Corea)"}, reason="test")
    gimpo.refresh_from_db()
    assert gimpo.name_es == "Gimpo (Corea)"
    assert gimpo.name_en == "Gimpo"
    assert "gimpo (corea)" in gimpo.search_text
    from intercity.core.audit import history_of

    assert history_of(gimpo).filter(verb="translate").exists()


def test_only_translation_columns_and_only_the_secretariat(secretariat, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(DomainError):
        services.translate_content(secretariat, seoul, {"name_en": "Soul"}, reason="test")
    with pytest.raises(DomainError):
        services.translate_content(seoul_officer, seoul, {"name_ko": "서울시"}, reason="test")
    seoul.refresh_from_db()
    assert (seoul.name_en, seoul.name_ko) == ("Seoul", "서울")


def test_the_admin_offers_the_translations(client, secretariat):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    wego = Network.objects.get(slug="wego")
    page = client.get(reverse("admin:network_network_change", args=[wego.pk]))
    assert page.status_code == 200
    assert 'name="name_ko"' in page.content.decode()
    response = client.post(
        reverse("admin:network_network_change", args=[wego.pk]),
        {
            "name_ko": "세계스마트지속가능도시기구",
            "name_zh_hans": "世界智慧可持续城市组织",
            "name_ru": "Всемирная организация умных устойчивых городов",
            "name_es": "Organización Mundial (prueba)",
            "short_name_ko": "WeGO",
            "short_name_zh_hans": "WeGO",
            "short_name_ru": "WeGO",
            "short_name_es": "WeGO",
            "description_ko": wego.description_ko,
            "description_zh_hans": wego.description_zh_hans,
            "description_ru": wego.description_ru,
            "description_es": wego.description_es,
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    wego.refresh_from_db()
    assert wego.name_es == "Organización Mundial (prueba)"
    assert wego.name_en == "World Smart Sustainable Cities Organization"


# --- Text the Python code writes (issue 15, the strings nobody marked) ----------------------------


def test_an_unknown_network_is_refused_in_korean_by_the_api(client):
    response = _get(client, "/api/v1/networks/atlantis", "ko")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.startswith("'atlantis' 네트워크가 없습니다.")
    assert "No network" not in detail


def test_editing_another_citys_profile_is_refused_in_korean(makati_officer):
    from intercity.core.errors import PermissionDenied

    seoul = Organisation.objects.get(key="seoul")
    with translation.override("ko"), pytest.raises(PermissionDenied) as refused:
        services.update_organisation(makati_officer, seoul, {"official_name": "x"})
    assert "프로필을 편집할 권한이 없습니다" in refused.value.message
    assert "You may not" not in refused.value.message


def test_the_admin_names_its_fields_and_actions_in_korean():
    from intercity.network.admin import MandateAdmin

    with translation.override("ko"):
        employees = Organisation._meta.get_field("employees")
        assert str(employees.verbose_name) == "전 세계 직원 수"
        assert str(employees.help_text) == "기업만 해당합니다."
        action = MandateAdmin.end_today.short_description
        assert str(action).startswith("선택한 임기직을")


def test_the_names_governance_reads_follow_the_readers_language():
    wego = Network.objects.get(slug="wego")
    seoul = Organisation.objects.get(key="seoul")
    with translation.override("ko"):
        assert services.organisation_names({seoul.pk}) == {seoul.pk: "서울"}
        assert (seoul.pk, "서울") in services.member_city_choices(wego)
        assert all(name != "Full member" for name in services.category_names(wego).values())
    with translation.override("en"):
        assert services.organisation_names({seoul.pk}) == {seoul.pk: "Seoul"}
