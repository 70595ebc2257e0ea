"""People and places of the Civic Participation System tests: Seoul's seeded jurisdiction,
a second city (Makati) to prove that nothing crosses tenants, and photos with GPS EXIF."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from PIL import Image

from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import person
from intercity.network.models import Organisation
from intercity.participation import services
from intercity.participation.models import Jurisdiction

MAKATI_AREA = services.Area(
    centre=(Decimal("14.554700"), Decimal("121.024400")),
    min_latitude=Decimal("14.530000"),
    max_latitude=Decimal("14.580000"),
    min_longitude=Decimal("121.000000"),
    max_longitude=Decimal("121.060000"),
)
IN_SEOUL = (Decimal("37.566500"), Decimal("126.978000"))
IN_MAKATI = (Decimal("14.554700"), Decimal("121.024400"))


def staff_of(username: str, organisation_key: str) -> User:
    """A member of the city's participation staff."""
    return person(username, Role.DEPARTMENT_STAFF, organisation_key)


def officer_of(username: str, organisation_key: str) -> User:
    """An officer of the city, who may enable and configure its participation system."""
    return person(username, Role.CITY_OFFICER, organisation_key)


def admin_of(username: str, organisation_key: str) -> User:
    """The city's CPS administrator, who sets up its services and departments."""
    return person(username, Role.CPS_ADMIN, organisation_key)


def makati_jurisdiction(actor: Any = None) -> Jurisdiction:
    """Makati enables the system, through its own city officer (who is also its staff)."""
    makati = Organisation.objects.get(key="makati")
    if actor is None:
        actor = officer_of("makati-officer", "makati")
    jurisdiction = services.create_jurisdiction(
        actor, makati, slug="makati", name="Makati Civic Participation", area=MAKATI_AREA
    )
    services.add_service_type(actor, jurisdiction, code="pothole", name="Pothole", target_hours=24)
    return jurisdiction


def jpeg_with_gps(width: int = 64, height: int = 48) -> bytes:
    """A JPEG carrying EXIF with a GPS position, as a phone camera writes it."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 40.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
