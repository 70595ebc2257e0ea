"""Times on the assessment pages are in the city's time zone, named beside them (issue 14:
"Saved at 14:33" was UTC). Organisations record no zone: it is derived from the country
with the IANA database's zone.tab (tzdata), one zone per city."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from intercity.assessment import zones
from intercity.assessment.tests.factories import AssessmentFactory

ZONES = zones.country_zones()


def test_a_country_with_one_zone_gives_it():
    assert zones.pick_zone("KR", "Seoul", ZONES).name == "Asia/Seoul"
    assert zones.pick_zone("PH", "Makati", ZONES).name == "Asia/Manila"


def test_a_country_with_several_zones_gives_the_one_named_after_the_city():
    assert zones.pick_zone("BR", "São Paulo", ZONES).name == "America/Sao_Paulo"
    assert zones.pick_zone("ID", "Jakarta", ZONES).name == "Asia/Jakarta"
    chosen = zones.pick_zone("ID", "Makassar", ZONES)
    assert chosen.name == "Asia/Makassar"
    bandung = zones.pick_zone("ID", "Bandung", ZONES)
    assert bandung.name == "Asia/Jakarta"  # the first listed for the country
    assert "4 time zones" in bandung.explanation


def test_no_country_falls_back_to_the_site_zone_and_says_so(settings):
    settings.TIME_ZONE = "UTC"
    chosen = zones.pick_zone("", "Atlantis", ZONES)
    assert chosen.name == "UTC"
    assert "No time zone is known" in chosen.explanation


def test_a_moment_is_shown_in_the_city_zone_with_its_offset(seoul_officer):
    assessment = AssessmentFactory(actor=seoul_officer)
    moment = dt.datetime(2026, 12, 3, 14, 33, tzinfo=dt.UTC)
    local = zones.in_city_time(moment, assessment.organisation)
    assert local is not None
    assert local.at.hour == 23
    assert local.label == "Asia/Seoul, UTC+09:00"


def test_the_autosave_says_the_time_in_seoul_and_which_zone(client, seoul_officer):
    assessment = AssessmentFactory(actor=seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_autosave", args=[assessment.pk, "economic-stability"])
    response = client.post(url, {"q-ECO-02": "7.5"})
    assert "Saved at" in response.text
    assert "(Asia/Seoul, UTC+09:00)" in response.text
    assert "+09:00" in response.text  # the <time datetime> is Seoul's, not UTC
