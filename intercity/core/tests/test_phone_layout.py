"""Pages fit a 375px phone: the overflow check itself can fail, and long names, links and
e-mail addresses wrap instead of widening the page."""

import datetime as dt
from decimal import Decimal

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import horizontal_overflow, log_in
from intercity.governance import services as governance
from intercity.governance.models import Participant
from intercity.membership import services as membership
from intercity.membership.models import Figure
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser

# A real place name, and a link and an address of the length city halls use.
LONG_NAME = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
LONG_URL = "https://www.metropolitan-municipality.example.gov.tr/international-relations/twinning"
LONG_EMAIL = "international.relations.department@metropolitanmunicipality.example.gov.tr"


def test_horizontal_overflow_reports_a_page_wider_than_a_phone(phone):
    phone.goto("/accounts/login/")
    assert horizontal_overflow(phone) <= 0
    phone.evaluate(
        """() => {
            const wide = document.createElement("div");
            wide.style.width = "600px";
            wide.style.height = "10px";
            document.querySelector("main").append(wide);
        }"""
    )
    # 600px plus the page's padding in a 375px viewport.
    assert horizontal_overflow(phone) > 200


def test_long_names_links_and_addresses_wrap_on_a_phone(phone):
    staff = person("sam", Role.SECRETARIAT)
    wego = Network.objects.get(slug="wego")
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita",
        organisation=goyang,
        year=2016,
        value=Decimal("36000"),
        source="test",
    )
    (invoice,) = membership.run_invoicing(staff, wego, 2018, dt.date(2018, 1, 15)).created
    meeting = governance.create_meeting(
        staff,
        wego,
        "executive-committee",
        title=f"Executive Committee at {LONG_NAME}",
        date=dt.date(2018, 4, 12),
        venue=LONG_URL,
    )
    delegate = meeting.participants.filter(role=Participant.Role.DELEGATE).first()
    assert delegate is not None
    assert delegate.organisation is not None
    long_named = [goyang.pk, delegate.organisation.pk]
    Organisation.objects.filter(pk__in=long_named).update(
        name=LONG_NAME, official_name=f"{LONG_NAME} Community Council", website=LONG_URL
    )
    governance.check_in(staff, delegate, "in_person")
    item = governance.add_agenda_item(staff, meeting, number="1", title=LONG_NAME)
    governance.add_document(staff, item, title="Budget", url=LONG_URL, reference=LONG_URL)
    motion = governance.propose_motion(staff, item, title=f"Twin with {LONG_NAME}")
    membership.submit_application(
        wego,
        {
            "organisation_name": LONG_NAME,
            "kind": "city",
            "country": "GB",
            "requested_category": "full",
            "contact_name": "Ada Lovelace",
            "contact_email": LONG_EMAIL,
            "website": LONG_URL,
            "motivation": f"See {LONG_URL}",
        },
    )
    meeting_path = f"/networks/wego/meetings/{meeting.key}/"

    log_in(phone, "sam")
    for path in (
        f"/organisations/{goyang.pk}/",
        "/networks/wego/",
        "/networks/wego/members/?q=llanfair",
        f"/networks/wego/account/{goyang.pk}/",
        f"/staff/invoices/{invoice.pk}/",
        "/networks/wego/staff/applications/",
        meeting_path,  # the ballot's vote buttons scroll inside their table
        f"{meeting_path}memorandum/",
        f"/networks/wego/decisions/{motion.pk}/",
        "/networks/wego/deadlines/",
    ):
        phone.goto(path)
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
