"""End-to-end in Chromium: Seoul's officer fills in a CeDS self-assessment step by step,
leaves and comes back to the autosaved answers, attaches the required evidence and submits;
the Secretariat accepts it; the officer reads the result with its radar chart and
recommendations and downloads the PDF report. And the pages pass axe on a phone."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.assessment import rules, services
from intercity.assessment.models import Assessment
from intercity.assessment.tests.helpers import TODAY, answers, extreme_answer
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser

CEDS = "City e-Government Diagnostic and Solution (CeDS)"
REQUIRED_EVIDENCE = ("STR-01", "INF-04", "USE-01")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def strategy_pdf(tmp_path):
    path = tmp_path / "seoul-digital-strategy.pdf"
    path.write_bytes(b"%PDF-1.4\n% Seoul digital strategy 2026-2030\n%%EOF\n")
    return path


def question(tab, code):
    """A question of the step shown, by its code: a radio or checkbox group, or a field."""
    return tab.locator(f"#q-{code}-wrap")


def answer_every_question(tab, instrument):
    """Answer each question of the step shown as a person would: the last option of a
    radio group, the first option of a checkbox group that may be combined with others (not
    "None of these"), a number in the best band, a line of text."""
    by_code = {q.code: q for _, q in instrument.questions()}
    for block in tab.locator(".question").all():
        asked = by_code[block.get_attribute("id").removeprefix("q-").removesuffix("-wrap")]
        if asked.type == rules.QuestionType.MULTIPLE:
            first = next(o for o in asked.options if not o.exclusive)
            block.locator(f"input[type=checkbox][value='{first.value}']").check()
        elif asked.type == rules.QuestionType.NUMBER:
            block.get_by_role("textbox").fill(extreme_answer(asked, best=True))
        elif asked.type == rules.QuestionType.TEXT:
            block.get_by_role("textbox").fill("Reviewed by the digital office in 2026.")
        elif asked.type == rules.QuestionType.YES_NO:
            # "Yes": the answers that ask for evidence (a "No" to STR-01 would not).
            block.locator("input[type=radio][value=yes]").check()
        else:
            block.locator("input[type=radio]").last.check()


def save_and_continue(tab):
    tab.get_by_role("button", name="Save and continue").click()


def test_seoul_assesses_itself_the_secretariat_accepts_and_seoul_reads_the_result(
    page, browser, site, strategy_pdf
):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    seoul = Organisation.objects.get(key="seoul")
    log_in(page, "seoyeon")

    # From Seoul's profile to its self-assessment page, and a CeDS for 2026 begins.
    page.goto(f"/organisations/{seoul.pk}/")
    page.locator("main").get_by_role("link", name="Self-assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seoul: self-assessment")
    page.get_by_label("Instrument").select_option(label=CEDS)
    page.get_by_label("Year assessed").fill("2026")
    page.get_by_role("button", name="Start").click()
    step_title = page.locator("#step-title")
    expect(step_title).to_have_text("Economic stability")

    # Part of the first section, by clicking the options' labels; htmx saves as she goes.
    page.get_by_label(re.compile("^ECO-01")).fill("32000")
    page.get_by_label(re.compile("^ECO-02")).fill("5.5")
    question(page, "ECO-05").get_by_text("One year", exact=True).click()
    question(page, "ECO-06").get_by_text("Own revenue covers about half of spending").click()
    question(page, "ECO-08").get_by_text("No", exact=True).click()
    expect(page.locator("#autosave")).to_contain_text(
        re.compile(r"Saved at \d\d:\d\d KST · 5 of 102 questions answered"),
        timeout=10_000,
    )

    # She leaves, and comes back through the city page's "In progress" list.
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Self-assessment").click()
    page.get_by_role("link", name="Seoul: assessments, history and a new assessment").click()
    in_progress = page.locator("h2:has-text('In progress') + ul")
    expect(in_progress).to_contain_text("5 answers saved")
    in_progress.get_by_role("link", name=f"{CEDS} 2026").click()
    expect(step_title).to_have_text("Economic stability")
    expect(page.get_by_label(re.compile("^ECO-01"))).to_have_value("32000")
    expect(page.get_by_label(re.compile("^ECO-02"))).to_have_value("5.5")
    expect(question(page, "ECO-05").get_by_label("One year", exact=True)).to_be_checked()
    expect(
        question(page, "ECO-06").get_by_label(re.compile("Own revenue covers about half"))
    ).to_be_checked()
    expect(question(page, "ECO-08").get_by_label("No", exact=True)).to_be_checked()
    expect(question(page, "ECO-07").locator("input:checked")).to_have_count(0)

    # Every section, step by step, then a couple of the sectoral systems.
    assessment = Assessment.objects.get(organisation=seoul, year=2026)
    instrument = services.instrument_rules(assessment.version)
    for section in instrument.sections:
        expect(step_title).to_have_text(section.name)
        answer_every_question(page, instrument)
        save_and_continue(page)
    expect(step_title).to_have_text("Sectoral systems in operation")
    page.get_by_label(re.compile("e-Procurement$")).select_option("operating")
    page.get_by_label(re.compile("Call Center System$")).select_option("pilot")
    save_and_continue(page)

    # Only the evidence is missing now.
    expect(page.get_by_role("heading", level=2, name="Check and submit")).to_be_visible()
    missing = page.get_by_role("alert")
    expect(missing).to_contain_text("Before you can submit: 3 things to do")
    expect(missing.get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_role("row", name=re.compile("^Economic stability"))).to_contain_text(
        "12 of 12"
    )

    # The strategy as a PDF, the other two as links.
    missing.get_by_role("link", name="STR-01").click()
    expect(page.get_by_label("Question")).to_have_value("STR-01")
    page.get_by_label("Document").set_input_files(strategy_pdf)
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_role("status")).to_contain_text("Evidence attached.")
    for code in REQUIRED_EVIDENCE[1:]:
        page.get_by_label("Question").select_option(code)
        page.get_by_label("or a link").fill(f"https://seoul.example/evidence/{code}")
        page.get_by_role("button", name="Attach").click()
        expect(page.get_by_role("status")).to_contain_text("Evidence attached.")
    given = page.locator("table tbody tr")
    expect(given).to_have_count(3)
    expect(given.filter(has_text="STR-01")).to_contain_text("seoul-digital-strategy")

    page.get_by_role("link", name="Back to the questions").click()
    page.get_by_role("navigation", name="Steps of this assessment").get_by_role(
        "link", name="Check and submit"
    ).click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted.")
    expect(page.locator(".badge").first).to_have_text("Submitted for review")

    # The Secretariat, in its own browser, accepts it from the review queue.
    office = browser.new_context(base_url=site)
    staff = office.new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto("/assessment/")
    staff.get_by_role("link", name="Submissions to review").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Assessments to review")
    staff.get_by_role("row", name=re.compile("^Seoul")).get_by_role("link", name="Seoul").click()
    staff.get_by_label("Accept", exact=True).check()
    staff.get_by_label("Comment to the city").fill("Thank you: a thorough first assessment.")
    staff.get_by_role("button", name="Record the review").click()
    expect(staff.get_by_role("status")).to_contain_text("The assessment of Seoul is accepted.")
    office.close()

    # Seoul's officer sees the accepted result, its chart, the plan, and gets the PDF.
    page.reload()
    expect(page.locator(".badge").first).to_have_text("Accepted")
    expect(page.get_by_role("img", name=re.compile("scores by section"))).to_be_visible()
    expect(page.locator("ol.recommendations > li").first).to_be_visible()
    assert page.locator("ol.recommendations > li").count() >= 1
    expect(page.locator("main")).to_contain_text("Thank you: a thorough first assessment.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert download.value.suggested_filename == "seoul-ceds-2026.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.ACCEPTED
    assert len(assessment.answers) == 102
    assert assessment.systems["e-procurement"] == "operating"
    assert assessment.evidence.filter(link="").get().question_code == "STR-01"


# --- Made through the services, shown in the browser ------------------------------------------


def draft(actor, key="seoul", year=2026):
    return services.start_assessment(
        actor,
        Organisation.objects.get(key=key),
        Network.objects.get(slug="wego"),
        "ceds",
        year,
        today=TODAY,
    )


def finished(actor, staff=None, key="seoul", year=2026, share=False):
    assessment = draft(actor, key=key, year=year)
    services.save_answers(
        actor, assessment, answers=answers("ceds", best=False), share_with_peers=share
    )
    for code in REQUIRED_EVIDENCE:
        services.attach_evidence(actor, assessment, code, link=f"https://{key}.example/{code}")
    services.submit(actor, assessment)
    if staff:
        services.review(staff, assessment, "accepted")
    return assessment


def test_a_refused_save_keeps_what_was_typed_marks_the_field_and_saves_the_rest(page):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    assessment = draft(officer)
    log_in(page, "seoyeon")
    page.goto(f"/assessment/{assessment.pk}/steps/economic-stability/")
    page.get_by_label(re.compile("^ECO-01")).fill("lots")
    page.get_by_label(re.compile("^ECO-02")).fill("5.5")
    page.get_by_role("button", name="Save", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The other answers were saved; 1 answer was refused")
    expect(alert).to_contain_text("ECO-01: enter a number")
    field = page.get_by_label(re.compile("^ECO-01"))
    expect(field).to_have_value("lots")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("enter a number"))
    expect(field).to_be_focused()
    assessment.refresh_from_db()
    assert assessment.answers == {"ECO-02": "5.5"}


def test_an_answer_the_autosave_refuses_is_marked_and_focused_the_others_saved(page):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    assessment = draft(officer)
    log_in(page, "seoyeon")
    page.goto(f"/assessment/{assessment.pk}/steps/economic-stability/")
    field = page.get_by_label(re.compile("^ECO-01"))
    expect(field).not_to_have_attribute("aria-invalid", "true")
    field.fill("lots")
    question(page, "ECO-05").get_by_text("One year", exact=True).click()
    expect(page.locator("#autosave")).to_contain_text("except 1 answer", timeout=10_000)
    expect(page.locator("#autosave")).to_contain_text("ECO-01 — enter a number")
    # The field itself says so and has the focus, not only the bar at the bottom.
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("enter a number"))
    expect(page.locator("#q-ECO-01-error")).to_be_visible()
    expect(field).to_be_focused()
    assessment.refresh_from_db()
    assert "ECO-05" in assessment.answers  # the rest of the step is saved
    assert "ECO-01" not in assessment.answers
    # Corrected, the mark goes.
    field.fill("32000")
    question(page, "ECO-06").get_by_text("Own revenue covers about half of spending").click()
    expect(page.locator("#autosave")).to_contain_text("3 of 102 questions answered")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#q-ECO-01-error")).to_be_hidden()


def test_a_no_to_the_strategy_hides_its_evidence_request(page):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    assessment = draft(officer)
    log_in(page, "seoyeon")
    page.goto(f"/assessment/{assessment.pk}/steps/information-strategy/")
    note = question(page, "STR-01").locator(".evidence-note")
    expect(note).to_be_visible()
    question(page, "STR-01").get_by_label("No", exact=True).check()
    expect(note).to_be_hidden()
    question(page, "STR-01").get_by_label("Yes", exact=True).check()
    expect(note).to_be_visible()


def test_the_reviewer_reads_answers_with_evidence_comments_and_the_city_reads_the_comment(
    page, browser, site
):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    submitted = finished(officer)

    office = browser.new_context(base_url=site)
    staff = office.new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto("/assessment/review/")
    staff.get_by_role("row", name=re.compile("^Seoul")).get_by_role("link", name="Seoul").click()
    staff.get_by_role("link", name="Read the answers and evidence, and comment").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text("Answers:")
    strategy = staff.locator("#answer-STR-01")
    expect(strategy).to_contain_text("Has the city adopted an e-government or digital strategy")
    expect(strategy.get_by_role("link", name="https://seoul.example/STR-01")).to_be_visible()
    assert axe_violations(staff) == []
    strategy.get_by_label("Comment on STR-01").fill("Attach the council's adoption decision.")
    strategy.get_by_role("button", name="Add the comment").click()
    expect(staff.get_by_role("status")).to_contain_text("Comment on STR-01 saved")
    expect(staff.locator("#answer-STR-01")).to_contain_text("not yet shown to the city")

    # Before the review, the city does not see it.
    log_in(page, "seoyeon")
    page.goto(f"/assessment/{submitted.pk}/answers/")
    expect(page.locator("#answer-STR-01")).to_contain_text("https://seoul.example/STR-01")
    expect(page.locator("main")).not_to_contain_text("council's adoption decision")

    staff.get_by_role("link", name="Back to the result").click()
    expect(staff.locator("main")).to_contain_text("1 comment on answers will be shown")
    staff.get_by_label("Return for changes").check()
    staff.get_by_label("Comment to the city").fill("See the comment on STR-01.")
    staff.get_by_role("button", name="Record the review").click()
    expect(staff.get_by_role("status")).to_contain_text("returned for changes")
    office.close()

    # The city reads the comment on its answers, and beside the question it can now change.
    page.goto(f"/assessment/{submitted.pk}/answers/")
    expect(page.locator("#answer-STR-01 .review-comments")).to_contain_text(
        "Attach the council's adoption decision."
    )
    page.goto(f"/assessment/{submitted.pk}/steps/information-strategy/")
    expect(question(page, "STR-01").locator(".review-comments")).to_contain_text(
        "Attach the council's adoption decision."
    )


def test_the_assessment_pages_pass_axe_and_fit_a_phone(phone):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    staff = person("sam", Role.SECRETARIAT)
    accepted = finished(officer, staff, year=2025)
    for peer in ("makati", "goyang", "gimpo"):
        finished(staff, staff, key=peer, share=peer == "makati")
    current = draft(officer)
    services.save_answers(officer, current, answers={"ECO-01": "32000", "ECO-06": 4})
    seoul = Organisation.objects.get(key="seoul")
    log_in(phone, "seoyeon")
    for path in (
        "/assessment/",
        f"/assessment/cities/{seoul.pk}/",
        f"/assessment/{current.pk}/steps/economic-stability/",
        f"/assessment/{current.pk}/steps/systems/",
        f"/assessment/{current.pk}/steps/submit/",
        f"/assessment/{current.pk}/evidence/",
        f"/assessment/{accepted.pk}/result/",
        f"/assessment/{accepted.pk}/answers/",
        f"/assessment/{accepted.pk}/benchmark/",
        f"/assessment/{accepted.pk}/benchmark/?by=cities&cities={Organisation.objects.get(key='makati').pk}",
        f"/organisations/{seoul.pk}/",
    ):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    # a step refused, with its errors shown
    phone.goto(f"/assessment/{current.pk}/steps/economic-stability/")
    phone.get_by_label(re.compile("^ECO-01")).fill("lots")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_role("alert")).to_contain_text("1 answer was refused")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0

    # the Secretariat's queue and review form
    waiting = finished(staff, key="seongnam")
    log_in(phone, "sam")
    for path in (
        "/assessment/review/",
        f"/assessment/{waiting.pk}/answers/",
        f"/assessment/{waiting.pk}/result/",
    ):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    expect(phone.get_by_role("button", name="Record the review")).to_be_visible()
