"""Round 2 and the results as pages: who may open each, a judge's ballot page with no
round-1 number anywhere in its HTML, refusals shown on the form, the Secretariat's progress
without the votes, closing, the panel's forms, publication, the results page and the
certificates."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from pypdf import PdfReader

from intercity.awards import sections_round2
from intercity.awards.models import Ballot, Edition, Placement, Stage
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, set_round1, vote
from intercity.network.models import Organisation


def made_placements():
    """The placements the tests make: the seeded 2017 edition has its own, recorded from the
    seed (its `source` names the seed)."""
    return Placement.objects.exclude(edition__source__startswith="seed")


pytestmark = pytest.mark.django_db


@pytest.fixture
def world(wego: Any) -> Round2World:
    return round2_edition(wego)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main(html: str) -> str:
    """The page's own content, without the site's header and footer."""
    found = re.search(r"<main.*?</main>", html, re.S)
    assert found, "no <main> in the page"
    return found.group(0)


def ballot_url(world: Round2World) -> str:
    return f"/awards/editions/{world.edition.pk}/ballot/"


def cast_url(world: Round2World, index: int = 0) -> str:
    return f"/awards/categories/{world.categories[index].pk}/ballot/"


# --- The ballot page -----------------------------------------------------------------------


def test_the_ballot_page_shows_the_finalists_and_no_round1_number(world: Round2World) -> None:
    response = signed_in(world.users[1]).get(ballot_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        "Bus Finder",
        "Goyang",
        "What Bus Finder does.",
        "Why Bus Finder began.",
        "What Bus Finder changed.",
        "USD 1,000,000",
        "Vote for Bus Finder",
    ):
        assert shown in html
    # The round-1 scores are 9.25, 8.25, 7.25, 6.25 and 5.25 (means of 10/9, 9/8 ...): none
    # of them, nor a score, rank or mean, is anywhere in the page's HTML.
    for score in ("9.25", "8.25", "7.25", "6.25", "5.25", "9,25", "37/4"):
        assert score not in html
    content = main(html).lower()
    for word in ("score", "rank", "mean", "round 1", "round-1", "points"):
        assert word not in content
    # Finalists are listed by title, not in round 1's order.
    order = [
        html.index(t)
        for t in (
            "Bus Finder",
            "Citizen Desk",
            "Kiosk Network",
            "Open Data Plaza",
            "Zero Waste Streets",
        )
    ]
    assert order == sorted(order)


def test_a_judges_own_city_is_not_on_their_ballot_page(world: Round2World) -> None:
    html = signed_in(world.users[0]).get(ballot_url(world)).content.decode()
    assert "Open Data Plaza" not in html
    assert "Seoul" not in main(html)


def test_the_ballot_page_is_for_the_panel(world: Round2World, seoul_officer: Any) -> None:
    assert Client().get(ballot_url(world)).status_code == 302
    assert signed_in(seoul_officer).get(ballot_url(world)).status_code == 403
    assert signed_in(world.users[1]).get("/awards/editions/999999/ballot/").status_code == 404


def test_casting_from_the_page_and_the_page_after(world: Round2World) -> None:
    apps = world.apps()
    client = signed_in(world.users[1])
    response = client.post(cast_url(world), {"choice": [apps[1].pk, apps[3].pk]}, follow=True)
    assert response.redirect_chain[-1][0] == ballot_url(world)
    html = response.content.decode()
    assert "Your ballot in Open City is cast." in html
    assert "You voted on" in html
    assert Ballot.objects.get().choices.count() == 2
    # The second category still has its form.
    assert f'action="{cast_url(world, 1)}"' in html


def test_a_refused_ballot_is_shown_on_its_form_with_the_choice_kept(world: Round2World) -> None:
    apps = world.apps()
    response = signed_in(world.users[1]).post(cast_url(world), {"choice": [apps[1].pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "A judge votes for exactly 2 finalists; this ballot has 1." in html
    assert f'value="{apps[1].pk}" checked' in html
    assert not Ballot.objects.exists()


def test_a_second_submit_is_refused_and_makes_no_second_ballot(world: Round2World) -> None:
    apps = world.apps()
    client = signed_in(world.users[1])
    client.post(cast_url(world), {"choice": [apps[1].pk, apps[2].pk]})
    response = client.post(cast_url(world), {"choice": [apps[1].pk, apps[2].pk]})
    assert response.status_code == 409
    assert Ballot.objects.count() == 1


def test_garbage_in_the_form_is_a_refusal_not_an_error(world: Round2World) -> None:
    client = signed_in(world.users[1])
    response = client.post(cast_url(world), {"choice": ["x", "99999999999999"]})
    assert response.status_code == 400
    assert client.get(cast_url(world)).status_code == 405


def test_a_judge_without_a_seat_in_the_category_is_refused(
    world: Round2World, seoul_officer: Any
) -> None:
    apps = world.apps()
    response = signed_in(seoul_officer).post(cast_url(world), {"choice": [apps[1].pk]})
    assert response.status_code == 403


def test_the_start_page_says_what_is_left_to_vote(world: Round2World) -> None:
    request = RequestFactory().get("/start/")
    request.user = world.users[1]
    [section] = sections_round2.ballots(request)
    assert section.title == "Round 2: your votes in 2019 Smart Sustainable City Awards"
    [link] = section.links
    assert (link.label, link.url) == ("Vote in 2 categories", ballot_url(world))
    assert link.description == "Open City, Digital Inclusion"
    request.user = Client().get("/").wsgi_request.user  # anonymous
    assert sections_round2.ballots(request) == []


def test_the_secretariats_start_page_leads_to_round_2_and_the_results(
    world: Round2World, secretariat: Any
) -> None:
    request = RequestFactory().get("/start/")
    request.user = secretariat
    [section] = sections_round2.staff(request)
    [link] = section.links
    assert link.label == "2019 Smart Sustainable City Awards: who has voted in round 2"
    assert link.url == f"/awards/editions/{world.edition.pk}/round2/"
    round2.close_round2(secretariat, world.edition)
    [section] = sections_round2.staff(request)
    assert section.links[0].url == f"/awards/editions/{world.edition.pk}/results/"
    results.publish(secretariat, world.edition)
    assert sections_round2.staff(request) == []


# --- Progress and close --------------------------------------------------------------------


def test_the_progress_page_names_who_voted_and_not_what(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    round2.cast_ballot(world.users[1], world.categories[0], [apps[1].pk, apps[3].pk])
    url = f"/awards/editions/{world.edition.pk}/round2/"
    response = signed_in(secretariat).get(url)
    assert response.status_code == 200
    content = main(response.content.decode())
    assert "1 of 3 judges have voted; 5 finalists." in content
    assert "Cast on" in content
    assert "Not yet cast" in content
    for title in ("Kiosk Network", "Bus Finder"):
        assert title not in content
    assert "The count:" not in content
    assert signed_in(world.users[2]).get(url).status_code == 403


def test_closing_from_the_page_leads_to_the_unpublished_results(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    category = world.categories[0]
    j0, j1, j2 = world.judges
    vote(j0, category, apps[3], apps[4])
    vote(j1, category, apps[3], apps[1])
    vote(j2, category, apps[4], apps[3])
    client = signed_in(secretariat)
    assert (
        signed_in(world.users[2])
        .post(f"/awards/editions/{world.edition.pk}/round2/close/")
        .status_code
        == 403
    )
    response = client.post(f"/awards/editions/{world.edition.pk}/round2/close/", follow=True)
    assert response.redirect_chain[-1][0] == f"/awards/editions/{world.edition.pk}/results/"
    html = main(response.content.decode())
    assert "Not yet published." in html
    assert "Gold: Goyang" in html
    assert "Gold: Bus Finder (Goyang) with 3 votes." in html
    assert "Silver: Edmonton" in html
    assert "Certificate (PDF)" not in html
    again = client.post(f"/awards/editions/{world.edition.pk}/round2/close/", follow=True)
    assert "Round 2 is not open, so it cannot be closed." in again.content.decode()
    # Once closed, the progress page gives the count of every finalist.
    after = main(client.get(f"/awards/editions/{world.edition.pk}/round2/").content.decode())
    assert "The count:" in after
    assert "3 ballots counted (Bus Finder (Goyang) 3, Citizen Desk (Edmonton) 2" in after


# --- The panel's forms, publication and the results page ----------------------------------


@pytest.fixture
def tied(world: Round2World, secretariat: Any) -> Round2World:
    apps = world.apps()
    set_round1(apps[4], 7, 6)
    for judge in world.judges:
        vote(judge, world.categories[0], apps[3], apps[4])
    round2.close_round2(secretariat, world.edition)
    return world


def test_publishing_waits_for_the_head_of_panels_order(tied: Round2World, secretariat: Any) -> None:
    apps = tied.apps()
    edition = tied.edition
    results_url = f"/awards/editions/{edition.pk}/results/"
    staff = signed_in(secretariat)
    html = main(staff.get(results_url).content.decode())
    assert "A tie for the panel" in html
    assert "Record the panel's order" not in html  # the Secretariat does not decide it
    refused = staff.post(f"/awards/editions/{edition.pk}/publish/")
    assert refused.status_code == 409
    assert "still to decide a tie on places in Open City" in refused.content.decode()

    head = signed_in(tied.users[2])
    page = main(head.get(results_url).content.decode())
    assert "Record the panel's order" in page
    category = tied.categories[0]
    decide = f"/awards/categories/{category.pk}/places/"
    bad = head.post(decide, {"place-0": apps[3].pk, "place-1": apps[3].pk, "reason": "Why"})
    assert bad.status_code == 400
    assert "An application is chosen once." in bad.content.decode()
    assert (
        signed_in(tied.users[1])
        .post(decide, {"place-0": apps[4].pk, "place-1": apps[3].pk, "reason": "Why"})
        .status_code
        == 403
    )
    done = head.post(
        decide, {"place-0": apps[4].pk, "place-1": apps[3].pk, "reason": "Reach."}, follow=True
    )
    assert "The panel&#x27;s order in Open City is recorded." in done.content.decode()
    assert made_placements().get(category=category, place="gold").application == apps[4]

    mention = f"/awards/categories/{category.pk}/mentions/"
    assert head.post(mention, {"application": apps[3].pk, "reason": "x"}).status_code == 409
    staff.post(mention, {"application": apps[0].pk, "reason": "Open data for all."})
    assert made_placements().filter(place="special-mention").count() == 1

    assert Client().get(results_url).status_code == 404
    staff.post(f"/awards/editions/{edition.pk}/publish/")
    public = main(Client().get(results_url).content.decode())
    assert "Not yet published" not in public
    assert "Special Mention: Seoul" in public
    assert "Special Mention of the panel: Open data for all." in public
    assert "the head of panel decided the order: Reach." in public
    assert "Certificate (PDF): Gold, Edmonton" in public
    assert "A tie for the panel" not in public
    assert "Publish the results" not in public


def test_a_certificate_says_the_place_the_city_and_the_ruling(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    category = world.categories[0]
    for judge, other in zip(world.judges, (apps[1], apps[2], apps[4]), strict=True):
        vote(judge, category, apps[3], other)
    round2.close_round2(secretariat, world.edition)
    gold = made_placements().get(place="gold")
    url = f"/awards/certificates/{gold.pk}.pdf"
    assert Client().get(url).status_code == 404
    results.publish(secretariat, world.edition)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"wego-awards-2019-cat-0-gold-{gold.pk}.pdf" in response["Content-Disposition"]
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(__import__("io").BytesIO(response.content)).pages
    )
    for shown in (
        "2019 Smart Sustainable City Awards",
        "Certificate",
        "Goyang",
        "Gold",
        "in the category Open City",
        "Bus Finder",
        "The panel's ruling",
        "Gold: Bus Finder (Goyang) with 3 votes.",
        "Page 1 of 1",
    ):
        assert shown in text


def test_a_record_of_placements_only_is_shown_without_invented_numbers(wego: Any) -> None:
    edition = Edition.objects.create(
        network=wego, number=3, year=2015, title="Old Awards", stage=Stage.PUBLISHED
    )
    from intercity.awards.models import Category

    category = Category.objects.create(edition=edition, code="open-city", name="Open City")
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    Placement.objects.create(
        edition=edition, category=category, place="gold", organisation=seoul, project="Plaza"
    )
    Placement.objects.create(edition=edition, place="special-achievement", organisation=makati)
    html = main(Client().get(f"/awards/editions/{edition.pk}/results/").content.decode())
    assert "Gold: Seoul" in html
    assert "Awards of the whole edition" in html
    assert "Special Achievement Award: Makati" in html
    assert "Votes in round 2" not in html
    assert "Ruling" not in html
