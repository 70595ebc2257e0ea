"""The Secretariat keeps the exchange programme's themes in the admin: a new theme and an edit
each leave an audit event; a theme retired before it takes effect is refused on the form;
nobody else reaches the themes."""

import pytest
from django.test import Client

from intercity.core.models import AuditEvent
from intercity.exchange.models import Theme

pytestmark = pytest.mark.django_db

ADD = "/admin/exchange/theme/add/"


def _form(**fields):
    data = {
        "slug": "smart-water",
        "name_en": "Smart water",
        "description_en": "Sensors and data for water networks.",
        "challenge_group": "",
        "version": "1",
        "effective_from": "2026-01-01",
        "retired_on": "",
        "position": "9",
        "source": "Secretariat, 2026",
    }
    for lang in ("ko", "zh_hans", "ru", "es"):
        data[f"name_{lang}"] = ""
        data[f"description_{lang}"] = ""
    data.update(fields)
    return data


def _staff_client(secretariat):
    secretariat.is_staff = True
    secretariat.save()
    client = Client()
    client.force_login(secretariat)
    return client


def test_the_secretariat_adds_a_theme_and_the_audit_says_so(secretariat):
    client = _staff_client(secretariat)

    response = client.post(ADD, _form(name_es="Agua inteligente"))

    assert response.status_code == 302, response.content.decode()[:2000]
    theme = Theme.objects.get(slug="smart-water")
    assert (theme.name_en, theme.name_es, theme.version) == ("Smart water", "Agua inteligente", 1)
    event = AuditEvent.objects.get(verb="add_exchange_theme", object_id=str(theme.pk))
    assert event.after["name"] == "Smart water"


def test_an_edit_of_a_seeded_theme_keeps_the_wording_before_in_the_audit(secretariat):
    client = _staff_client(secretariat)
    theme = Theme.objects.order_by("position").first()
    old_name = theme.name_en
    data = _form(
        slug=theme.slug,
        name_en=old_name + " (2026)",
        challenge_group=theme.challenge_group,
        version=str(theme.version + 1),
        effective_from=theme.effective_from.isoformat(),
        position=str(theme.position),
        source=theme.source,
    )

    response = client.post(f"/admin/exchange/theme/{theme.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(verb="edit_exchange_theme", object_id=str(theme.pk))
    assert event.before["name"] == old_name
    assert event.after["name"] == old_name + " (2026)"
    assert event.after["version"] == theme.version + 1


def test_a_theme_retired_before_it_takes_effect_is_refused_on_the_form(secretariat):
    client = _staff_client(secretariat)

    response = client.post(ADD, _form(effective_from="2026-06-01", retired_on="2026-01-01"))

    assert response.status_code == 200
    assert "cannot be retired before it takes effect" in response.content.decode()
    assert not Theme.objects.filter(slug="smart-water").exists()
    assert not AuditEvent.objects.filter(verb="add_exchange_theme").exists()


def test_a_city_officer_does_not_reach_the_themes(seoul_officer):
    seoul_officer.is_staff = True
    seoul_officer.save()
    client = Client()
    client.force_login(seoul_officer)

    assert client.get("/admin/exchange/theme/").status_code == 403
    assert client.post(ADD, _form()).status_code == 403
    assert not Theme.objects.filter(slug="smart-water").exists()
