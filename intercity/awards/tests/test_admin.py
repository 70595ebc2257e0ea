"""The awards admin: the Secretariat translates an edition's and a category's words there
(audited); everything else is read-only, so no rule of the rounds is bypassed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from intercity.awards.models import Category, Edition, Placement
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(secretariat: Any) -> Client:
    secretariat.is_staff = True
    secretariat.save()
    client = Client()
    client.force_login(secretariat)
    return client


def test_the_secretariat_translates_a_category_and_the_english_name_stays(staff_client):
    category = Category.objects.get(edition__year=2017, code="open-city")
    url = reverse("admin:awards_category_change", args=[category.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    form = {
        f"{field}_{lang}": getattr(category, f"{field}_{lang}") or ""
        for field in ("name", "description")
        for lang in ("ko", "zh_hans", "ru", "es")
    }
    form["name_es"] = "Ciudad abierta (revisado)"
    form["name_en"] = "Changed in English"
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:500]
    category.refresh_from_db()
    assert (category.name_en, category.name_es) == ("Open City", "Ciudad abierta (revisado)")
    assert AuditEvent.objects.filter(verb="translate_award_content").count() == 1


def test_placements_and_editions_cannot_be_added_or_deleted_in_the_admin(staff_client):
    placement = Placement.objects.filter(edition__year=2017).first()
    assert placement is not None
    assert staff_client.get(reverse("admin:awards_placement_add")).status_code == 403
    delete = reverse("admin:awards_placement_delete", args=[placement.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert staff_client.get(reverse("admin:awards_edition_add")).status_code == 403
    assert Edition.objects.filter(year=2017).exists()
