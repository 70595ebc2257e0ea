"""End-to-end in Chromium: a city official applies to a training session; the Secretariat
records the city's endorsement, selects by the call's rule and records attendance; the official
completes the classroom's lessons, downloads the certificate, and its code verifies on the
public page. The pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.learning.models_training import Certificate
from intercity.learning.tests.factories_training import open_session

pytestmark = pytest.mark.browser


def test_an_official_applies_is_selected_attends_learns_and_verifies_the_certificate(
    page, phone, browser, site
):
    person("sam", Role.SECRETARIAT)
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    session = open_session(lessons=2)

    page.goto("/learning/programmes/seoul-e-government-training/")
    expect(page.get_by_text("In all: 57 people from 22 cities.")).to_be_visible()
    assert axe_violations(page) == []

    log_in(page, "seoyeon")
    page.goto(f"/learning/sessions/{session.pk}/")
    page.get_by_role("link", name="Apply to this session").click()
    page.get_by_label("City").select_option(label="Seoul")
    page.get_by_label("Full name").fill("Seo-yeon Kim")
    page.get_by_label("Position").fill("Deputy Director of Data")
    page.get_by_label("Why you wish to take part").fill("To bring open data to our districts.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("It now needs your city's endorsement.")).to_be_visible()

    staff = browser.new_context(base_url=site)
    secretariat = staff.new_page()
    log_in(secretariat, "sam")
    secretariat.goto(f"/learning/sessions/{session.pk}/selection/")
    secretariat.get_by_role("button", name="Record the city's endorsement of Seo-yeon Kim").click()
    expect(secretariat.get_by_text("The application is endorsed for the city.")).to_be_visible()
    expect(secretariat.get_by_text("Place 1 of 20: application 1 of Seoul")).to_be_visible()
    assert axe_violations(secretariat) == []
    secretariat.get_by_role("button", name="Select by the rule").click()
    expect(
        secretariat.get_by_text("The participants are selected by the call's rule.")
    ).to_be_visible()
    secretariat.get_by_role("button", name="Record attendance of Seo-yeon Kim").click()
    expect(secretariat.get_by_text("Attendance of Seo-yeon Kim is recorded.")).to_be_visible()

    page.goto(f"/learning/sessions/{session.pk}/")
    expect(page.locator("#my-application")).to_contain_text("Selected")
    page.get_by_role("link", name="Open the classroom").click()
    expect(page.get_by_text("You have completed 0 of 2 lessons.")).to_be_visible()
    for title in ("Lesson 1", "Lesson 2"):
        page.get_by_role("link", name=title).click()
        page.get_by_role("button", name="Mark the lesson as completed").click()
        expect(page.get_by_text("The lesson is marked as completed.")).to_be_visible()
    expect(page.get_by_text("You have completed 2 of 2 lessons.")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("certificate-")
    with open(pdf.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    code = Certificate.objects.get().code
    assert code in pdf.suggested_filename

    staff.close()
    anonymous = browser.new_context(base_url=site)
    visitor = anonymous.new_page()
    visitor.goto("/learning/certificates/")
    visitor.get_by_label("Verification code").fill(code.lower())
    visitor.get_by_role("button", name="Check").click()
    expect(visitor.get_by_text(f"Certificate {code} is valid.")).to_be_visible()
    expect(visitor.get_by_text("Seo-yeon Kim")).to_be_visible()
    assert axe_violations(visitor) == []
    anonymous.close()

    for path in (
        "/learning/",
        "/learning/programmes/seoul-e-government-training/",
        f"/learning/sessions/{session.pk}/",
        f"/learning/certificates/{code}/",
    ):
        phone.goto(path)
        assert horizontal_overflow(phone) == 0, path
