"""An issue as a PDF: a cover page, a table of contents whose page numbers are the pages
each part starts on, the editorial and each project; Korean text prints; the interface words
follow the reader's language; a withdrawn project says so."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.test import Client

from intercity.knowledge import journal_pdf
from intercity.knowledge.models import Project
from intercity.knowledge.services import journal
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.django_db

LONG = "\n\n".join(
    ["A paragraph of what the city did and what it changed for its people. " * 12] * 6
)


def pages_of(content: bytes) -> list[str]:
    """Each page's text as pdftotext extracts it (pages end with a form feed), spaces
    collapsed."""
    found = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - poppler, installed by the project
        input=content,
        capture_output=True,
        check=True,
    )
    pages = found.stdout.decode("utf-8").split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


@pytest.fixture
def issue(wego):
    first = make.project(title="북촌 한옥마을 리빙랩", summary="주민과 함께 만든 리빙랩." + LONG)
    second = make.project(city="madrid", title="Decide Madrid", summary=LONG)
    made = make.issue(
        projects=(first, second),
        title="Living labs",
        editorial="Why living labs.\n\nA second paragraph.",
        published=True,
    )
    made.title_ko = "리빙랩 특집"
    made.save()
    return made


def test_the_cover_gives_network_number_title_and_date(issue):
    pages = pages_of(journal_pdf.render(issue, journal.entries(issue)))

    cover = pages[0]
    assert "World Smart Sustainable Cities Organization (WeGO)" in cover
    assert "Best Practices Journal" in cover
    assert f"Issue {issue.number}" in cover
    assert "Living labs" in cover
    assert str(issue.published_at.year) in cover
    assert "Why living labs" not in cover  # the editorial starts after the contents


def test_the_contents_give_the_page_each_part_starts_on(issue):
    pages = pages_of(journal_pdf.render(issue, journal.entries(issue)))

    contents = pages[1]
    assert contents.startswith("Contents")
    found = re.search(
        r"Editorial (\d+) 1\. 북촌 한옥마을 리빙랩 · Seoul (\d+) 2\. Decide Madrid · Madrid (\d+)",
        contents,
    )
    assert found, contents
    editorial, first, second = (int(n) for n in found.groups())
    assert "Why living labs" in pages[editorial - 1]
    assert "1. 북촌 한옥마을 리빙랩" in pages[first - 1]
    assert "2. Decide Madrid" in pages[second - 1]
    assert editorial <= first < second  # the long summary pushes the second project on
    assert f"Page {second} of {len(pages)}" in pages[second - 1]


def test_each_project_has_its_city_themes_note_and_summary(issue):
    text = " ".join(pages_of(journal_pdf.render(issue, journal.entries(issue))))

    assert "City Seoul" in text
    assert "Themes Smart Mobility" in text
    assert "The editors' note Note 1" in text
    assert "Summary 주민과 함께 만든 리빙랩." in text


def test_a_withdrawn_project_is_said_to_be_off_the_catalog_and_its_summary_left_out(issue):
    withdrawn = issue.entries.get(position=2).project
    Project.objects.filter(pk=withdrawn.pk).update(state=Project.State.DRAFT)

    pages = pages_of(journal_pdf.render(issue, journal.entries(issue)))

    last = pages[-1].split("2. Decide Madrid", 1)
    assert len(last) == 2
    assert "This project is no longer in the catalog." in last[1]
    assert "A paragraph of what the city did" not in last[1]


def test_the_pdf_answers_the_reader_s_language(issue):
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    response = client.get(f"/knowledge/journal/{issue.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pages_of(response.content)
    assert "리빙랩 특집" in pages[0]  # the issue's Korean title
    assert "우수 사례 저널" in pages[0]  # "Best Practices Journal"
    assert f"제{issue.number}호" in pages[0]  # "Issue 12"
    assert pages[1].startswith("목차")  # "Contents"
    assert "편집자의 글" in pages[1]  # "Editorial"
    assert "북촌 한옥마을 리빙랩" in pages[1]


def test_a_draft_s_pdf_is_not_found_for_the_public(wego):
    draft = make.issue(projects=(make.project(),))

    assert Client().get(f"/knowledge/journal/{draft.pk}/pdf/").status_code == 404


def test_a_draft_s_pdf_says_it_is_a_draft(secretariat, wego):
    draft = make.issue(projects=(make.project(),))
    client = Client()
    client.force_login(secretariat)

    pages = pages_of(client.get(f"/knowledge/journal/{draft.pk}/pdf/").content)

    assert "Draft, not published" in pages[0]
