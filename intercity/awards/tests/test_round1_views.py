"""Round 1's pages and who may open them: a judge's list and scorecard (saved field by field
with htmx, or all at once without JavaScript), 404 for what a judge may not see, the
Secretariat's progress without scores, the closing, the results and the head of panel's
decision page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.awards.models import Scorecard, Stage
from intercity.awards.services import round1
from intercity.awards.tests.factories_round1 import round1_world, scorecard

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(judge):
    return round1_world(judge)


def url(name, *args):
    return reverse(name, args=args)


def page_of(world, app):
    return url("awards_round1_application", world.edition.pk, app.pk)


def test_a_judge_lists_their_applications_without_their_own_city(client, world, judge):
    client.force_login(judge)
    response = client.get(url("awards_round1_judge", world.edition.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Makati Open Budget" in body
    assert "Miraflores 2.0" in body
    assert "Seoul Open Data Plaza" not in body
    assert "Not started" in body


def test_a_judge_reads_the_application_and_its_scorecard(client, world, judge):
    client.force_login(judge)
    body = client.get(page_of(world, world.makati)).content.decode()
    for shown in ("Makati Open Budget", "Open City", "a citizens", "40,000", "USD 1.2"):
        assert shown in body
    assert 'name="criterion-' in body
    assert "hx-post" in body


def test_their_own_citys_application_is_not_found(client, world, judge):
    client.force_login(judge)
    assert client.get(page_of(world, world.seoul)).status_code == 404
    response = client.post(
        url("awards_round1_save_field", world.edition.pk, world.seoul.pk),
        {"field": f"criterion-{world.open_city.criteria.first().pk}", "criterion-1": "5"},
    )
    assert response.status_code == 404


def test_a_conflicted_citys_application_is_not_found_nor_listed(client, world, judge):
    round1.declare_conflict(judge, world.edition, world.makati.organisation, "Adviser.")
    client.force_login(judge)
    assert client.get(page_of(world, world.makati)).status_code == 404
    listed = client.get(url("awards_round1_judge", world.edition.pk)).content.decode()
    assert "Makati Open Budget" not in listed


def test_someone_without_a_seat_finds_no_judges_pages(client, world, seoul_officer, secretariat):
    for someone in (seoul_officer, secretariat):
        client.force_login(someone)
        assert client.get(url("awards_round1_judge", world.edition.pk)).status_code == 404
        assert client.get(page_of(world, world.makati)).status_code == 404


def test_another_judge_sees_only_their_own_card(client, world, judge):
    openness = world.open_city.criteria.order_by("position").first()
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 9)
    round1.save_comment(judge, world.edition, world.makati.pk, "Jules's private note.")
    client.force_login(world.people["june"])
    body = client.get(page_of(world, world.makati)).content.decode()
    assert "Jules&#x27;s private note." not in body
    assert "Jules's private note." not in body
    assert f'name="criterion-{openness.pk}" value="9" checked' not in body
    assert "Not started" in body


def test_htmx_saves_one_score_at_a_time(client, world, judge):
    openness, impact = world.open_city.criteria.order_by("position")
    client.force_login(judge)
    save = url("awards_round1_save_field", world.edition.pk, world.makati.pk)
    # htmx sends the whole form; only the named field is saved.
    response = client.post(
        save,
        {"field": f"criterion-{openness.pk}", f"criterion-{openness.pk}": "8"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    card = Scorecard.objects.get(judge=world.jules, application=world.makati)
    assert round1.scores_of(card) == {openness.pk: 8}

    refused = client.post(save, {"field": f"criterion-{impact.pk}", f"criterion-{impact.pk}": "11"})
    assert "Not saved" in refused.content.decode()
    assert round1.scores_of(card) == {openness.pk: 8}

    client.post(save, {"field": "comment", "comment": "Strong open data."})
    card.refresh_from_db()
    assert card.comment == "Strong open data."
    assert body_after_reload(client, world) == 8


def body_after_reload(client, world):
    body = client.get(page_of(world, world.makati)).content.decode()
    openness = world.open_city.criteria.order_by("position").first()
    return 8 if f'name="criterion-{openness.pk}" value="8" checked' in body else None


def test_without_javascript_the_form_saves_all_then_submits(client, world, judge):
    openness, impact = world.open_city.criteria.order_by("position")
    client.force_login(judge)
    response = client.post(
        page_of(world, world.makati),
        {f"criterion-{openness.pk}": "8", "comment": "Good", "action": "submit"},
        follow=True,
    )
    assert "Not yet scored: Impact on citizens" in response.content.decode()
    card = Scorecard.objects.get(judge=world.jules, application=world.makati)
    assert (card.status, round1.scores_of(card)) == ("draft", {openness.pk: 8})

    response = client.post(
        page_of(world, world.makati),
        {f"criterion-{openness.pk}": "8", f"criterion-{impact.pk}": "7", "action": "submit"},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Scorecard.Status.SUBMITTED
    body = client.get(page_of(world, world.makati)).content.decode()
    assert "can no longer be changed" in body
    assert 'type="radio"' not in body


def test_a_judge_declares_a_conflict_on_the_page(client, world, judge):
    client.force_login(judge)
    conflicts = url("awards_round1_conflicts", world.edition.pk)
    body = client.get(conflicts).content.decode()
    assert "Makati" in body
    assert f'value="{world.seoul.organisation.pk}"' not in body

    refused = client.post(conflicts, {"organisation": world.makati.organisation.pk, "reason": ""})
    assert refused.status_code == 400
    assert "Say why" in refused.content.decode()

    done = client.post(
        conflicts, {"organisation": world.makati.organisation.pk, "reason": "My former team."}
    )
    assert done.status_code == 302
    assert world.jules.conflicts.get().reason == "My former team."


def test_the_progress_page_shows_counts_and_no_score(client, world, judge, secretariat):
    openness = world.open_city.criteria.order_by("position").first()
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 9)
    round1.save_comment(judge, world.edition, world.makati.pk, "Secret opinion")
    client.force_login(secretariat)
    body = client.get(url("awards_round1_progress", world.edition.pk)).content.decode()
    assert "Jules Verne" in body
    assert "Not finished" in body
    assert "Secret opinion" not in body
    assert "9.00" not in body
    # Before the round closes, the results page gives nothing away.
    assert client.get(url("awards_round1_results", world.edition.pk)).status_code == 404


def test_only_the_secretariat_sees_progress_and_closes(client, world, judge):
    client.force_login(judge)
    assert client.get(url("awards_round1_progress", world.edition.pk)).status_code == 403
    assert client.post(url("awards_round1_close", world.edition.pk)).status_code == 403
    world.edition.refresh_from_db()
    assert world.edition.round1_closed_at is None


def close_with_a_tie(world, secretariat):
    jules, june, marc = world.jules, world.june, world.marc
    scorecard(jules, world.edmonton, [9, 9])
    scorecard(june, world.edmonton, [9, 8])
    scorecard(jules, world.makati, [7, 7])
    scorecard(june, world.jakarta, [7, 7])
    scorecard(marc, world.seoul, [5, 5])
    scorecard(jules, world.miraflores, [8, 8])
    round1.close_round1(secretariat, world.edition)


def test_closing_leads_to_the_results_with_the_normalised_ranking_beside(
    client, world, secretariat
):
    client.force_login(secretariat)
    scorecard(world.jules, world.edmonton, [9, 9])
    scorecard(world.june, world.makati, [6, 6])
    response = client.post(url("awards_round1_close", world.edition.pk), follow=True)
    body = response.content.decode()
    assert "Results of round 1" in body
    assert "9.00" in body
    assert "Finalist" in body
    assert "Normalised (z), for information" in body
    assert "go on to round 2" in body
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND2


def test_the_head_of_panel_decides_the_tie_on_their_page(client, world, secretariat):
    close_with_a_tie(world, secretariat)
    decide = url("awards_round1_decide", world.edition.pk, world.open_city.pk)
    client.force_login(world.people["marc"])
    body = client.get(decide).content.decode()
    assert "Makati Open Budget" in body
    assert "Jakarta Smart City Portal" in body
    # Edmonton is a sure finalist, not tied: not offered.
    assert f'name="chosen" value="{world.edmonton.pk}"' not in body
    assert f'name="chosen" value="{world.jakarta.pk}"' in body

    refused = client.post(decide, {"chosen": [world.makati.pk], "reason": ""})
    assert refused.status_code == 400
    assert "Write the reason" in refused.content.decode()

    done = client.post(decide, {"chosen": [world.makati.pk], "reason": "Clearer context."})
    assert done.status_code == 302
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND2
    results = client.get(url("awards_round1_results", world.edition.pk)).content.decode()
    assert "Clearer context." in results


def test_the_decision_page_refuses_everyone_but_the_head(client, world, secretariat, judge):
    close_with_a_tie(world, secretariat)
    decide = url("awards_round1_decide", world.edition.pk, world.open_city.pk)
    for someone in (secretariat, judge, world.people["june"]):
        client.force_login(someone)
        assert client.get(decide).status_code == 403
        assert client.post(decide, {"chosen": [world.makati.pk], "reason": "x"}).status_code == 403
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND1


def test_a_judge_who_is_not_head_does_not_see_the_results(client, world, secretariat, judge):
    close_with_a_tie(world, secretariat)
    client.force_login(judge)
    assert client.get(url("awards_round1_results", world.edition.pk)).status_code == 403
    client.force_login(world.people["marc"])
    assert client.get(url("awards_round1_results", world.edition.pk)).status_code == 200


def test_the_start_page_lists_a_judges_scorecards(client, world, judge):
    openness = world.open_city.criteria.order_by("position").first()
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 9)
    client.force_login(judge)
    body = client.get(reverse("start")).content.decode()
    assert "Your scorecards" in body
    assert "Makati Open Budget" in body
    assert "In progress" in body
    assert "Not started" in body
    assert "Seoul Open Data Plaza" not in body


def test_the_start_page_shows_the_head_the_tie_and_the_secretariat_progress(
    client, world, secretariat
):
    client.force_login(secretariat)
    assert "round 1 progress" in client.get(reverse("start")).content.decode()
    close_with_a_tie(world, secretariat)
    client.force_login(world.people["marc"])
    assert "Decide the tie in Open City" in client.get(reverse("start")).content.decode()


def test_a_judge_downloads_an_attachment_only_of_an_application_they_may_open(
    client, world, judge, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from intercity.awards.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    plan = Attachment(application=world.makati, name="budget-plan.pdf", size=9)
    plan.file.save("budget-plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    own = Attachment(application=world.seoul, name="seoul.pdf", size=9)
    own.file.save("seoul.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(judge)

    assert "budget-plan.pdf" in client.get(page_of(world, world.makati)).content.decode()
    got = client.get(url("awards_round1_attachment", world.edition.pk, world.makati.pk, plan.pk))
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == b"%PDF-1.4\n"
    mismatched = url("awards_round1_attachment", world.edition.pk, world.makati.pk, own.pk)
    assert client.get(mismatched).status_code == 404
    own_city = url("awards_round1_attachment", world.edition.pk, world.seoul.pk, own.pk)
    assert client.get(own_city).status_code == 404


def test_a_judge_of_one_category_does_not_open_another(client, world):
    client.force_login(world.people["june"])
    assert client.get(page_of(world, world.miraflores)).status_code == 404
    assert client.get(page_of(world, world.makati)).status_code == 200


def test_the_scorecard_speaks_the_judges_language(client, world, judge):
    judge.language = "ko"
    judge.save()
    client.force_login(judge)
    body = client.get(page_of(world, world.makati), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "채점표 제출" in body
    assert "내 채점표" in body


def test_the_head_reads_the_results_without_their_own_city_or_conflicts(client, world, secretariat):
    world.marc.organisation = world.seoul.organisation
    world.marc.save()
    close_with_a_tie(world, secretariat)
    client.force_login(world.people["marc"])
    body = client.get(url("awards_round1_results", world.edition.pk)).content.decode()
    assert "Makati Open Budget" in body
    assert "Seoul Open Data Plaza" not in body
    assert "1 application of your own city" in body
    decide = client.get(url("awards_round1_decide", world.edition.pk, world.open_city.pk))
    assert "Jakarta Smart City Portal" in decide.content.decode()
    assert "Seoul Open Data Plaza" not in decide.content.decode()
    client.force_login(secretariat)
    body = client.get(url("awards_round1_results", world.edition.pk)).content.decode()
    assert "Seoul Open Data Plaza" in body
