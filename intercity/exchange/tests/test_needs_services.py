"""What Seoul's and Makati's officers and the Secretariat do with needs, offers, the matching
and exchanges, and what each is refused."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from intercity.assessment.models import (
    Assessment,
    Instrument,
    InstrumentVersion,
    SectoralModule,
)
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.exchange import demo_needs, seed_needs
from intercity.exchange.models_needs import Exchange, Need, Offer, Proposal, Theme
from intercity.exchange.services import needs as services
from intercity.exchange.tests import factories_needs as make
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_five_groups_of_seed_001_are_the_themes_citing_their_passage():
    themes = list(Theme.objects.order_by("position"))
    assert [t.name for t in themes] == [
        "Building Infrastructure",
        "e-Public Administration",
        "Citizen Engagement",
        "Mobile Government",
        "Big Data (GIS)",
    ]
    assert all("Seed 001" in t.source and "5 groups" in t.source for t in themes)
    assert seed_needs.load() == Counter()  # idempotent


def test_an_officer_posts_a_need_for_their_city_with_an_audit_event(makati_officer):
    need = make.need(makati_officer, "makati", title="Bus information")
    assert need.status == Need.Status.OPEN
    assert need.organisation.key == "makati"
    assert AuditEvent.objects.filter(verb="post_exchange_need", object_id=str(need.pk)).exists()


def test_an_officer_cannot_post_for_another_city(seoul_officer):
    with pytest.raises(PermissionDenied):
        make.need(seoul_officer, "makati")
    assert not Need.objects.exists()


def test_bad_values_are_refused_in_words_and_nothing_is_saved(seoul_officer):
    with pytest.raises(DomainError, match="language"):
        make.need(seoul_officer, languages=["xx"])
    with pytest.raises(DomainError, match="period ends"):
        make.need(
            seoul_officer, available_from=dt.date(2026, 5, 1), available_to=dt.date(2026, 4, 1)
        )
    with pytest.raises(DomainError, match="form of exchange"):
        make.need(seoul_officer, forms=[])
    with pytest.raises(DomainError, match="between 1 and 50"):
        make.offer(seoul_officer, "seoul", capacity=0)
    assert not Need.objects.exists()
    assert not Offer.objects.exists()


def test_a_city_posts_only_in_a_network_it_belongs_to(seoul_officer):
    with pytest.raises(DomainError, match="not a current member"):
        make.need(seoul_officer, network="ascn")


def test_withdrawing_twice_is_refused_the_second_time(seoul_officer):
    need = make.need(seoul_officer)
    services.withdraw(seoul_officer, need)
    with pytest.raises(DomainError, match="Only an open"):
        services.withdraw(seoul_officer, Need.objects.get(pk=need.pk))


def test_the_matching_proposes_the_best_pairs_with_reasons(
    secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul", languages=["ko"])  # no shared language with Makati
    good = make.offer(seoul_officer, "seoul", forms=["training"], languages=["en", "ko"])
    run = services.run_matching(secretariat, wego)
    proposals = list(run.proposals.all())
    assert [(p.need_id, p.offer_id) for p in proposals] == [(need.pk, good.pk)]
    words = services.reasons_in_words(proposals[0].reasons)
    assert "Both are about the theme Mobile Government. (+30)" in words
    assert "They share a language: English. (+10)" in words
    assert proposals[0].score == sum(r["points"] for r in proposals[0].reasons)
    assert "total quality" in services.explain_run(run)
    assert AuditEvent.objects.filter(verb="run_exchange_matching").count() == 1


def test_only_the_secretariat_runs_the_matching(seoul_officer, wego):
    with pytest.raises(PermissionDenied):
        services.run_matching(seoul_officer, wego)


def test_accepting_makes_an_exchange_and_the_city_sees_its_match(
    secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    run = services.run_matching(secretariat, wego)
    proposal = run.proposals.get()
    assert services.matches_of([need])[need.pk].pending
    exchange = services.accept_proposal(secretariat, proposal)
    assert exchange.status == Exchange.Status.PROPOSED
    assert Need.objects.get(pk=need.pk).status == Need.Status.MATCHED
    match = services.matches_of([Need.objects.get(pk=need.pk)])[need.pk]
    assert not match.pending
    assert match.exchange == exchange
    assert any("Mobile Government" in reason for reason in match.reasons)
    with pytest.raises(DomainError, match="already been decided"):
        services.accept_proposal(secretariat, Proposal.objects.get(pk=proposal.pk))


def test_a_rejected_proposal_leaves_both_open_and_a_new_run_supersedes_pending_ones(
    secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    first = services.run_matching(secretariat, wego).proposals.get()
    second_run = services.run_matching(secretariat, wego)
    assert Proposal.objects.get(pk=first.pk).status == Proposal.Status.SUPERSEDED
    services.reject_proposal(secretariat, second_run.proposals.get(), "Not this year")
    assert Need.objects.get(pk=need.pk).status == Need.Status.OPEN


def test_an_offer_of_capacity_one_closes_after_one_exchange(
    secretariat, seoul_officer, makati_officer, wego
):
    make.need(makati_officer, "makati")
    offer = make.offer(seoul_officer, "seoul", capacity=1)
    proposal = services.run_matching(secretariat, wego).proposals.get()
    services.accept_proposal(secretariat, proposal)
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.MATCHED


def test_an_exchange_moves_on_to_done_with_a_report_and_cancelling_reopens_the_need(
    secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    exchange = services.accept_proposal(
        secretariat, services.run_matching(secretariat, wego).proposals.get()
    )
    services.move(makati_officer, exchange, Exchange.Status.AGREED)
    services.move(seoul_officer, exchange, Exchange.Status.UNDER_WAY)
    with pytest.raises(DomainError, match="short report"):
        services.move(seoul_officer, exchange, Exchange.Status.DONE)
    with pytest.raises(DomainError, match="cannot become"):
        services.move(seoul_officer, exchange, Exchange.Status.AGREED)
    services.move(seoul_officer, exchange, Exchange.Status.DONE, "Twelve officers trained.")
    exchange.refresh_from_db()
    assert exchange.report == "Twelve officers trained."
    assert AuditEvent.objects.filter(verb="move_exchange").count() == 3
    # Another exchange, cancelled: the need is open again.
    other = make.need(makati_officer, "makati", title="Second need")
    make.offer(seoul_officer, "seoul", title="Second offer")
    proposal = services.run_matching(secretariat, wego).proposals.get(need=other)
    second = services.accept_proposal(secretariat, proposal)
    services.move(secretariat, second, Exchange.Status.CANCELLED)
    assert Need.objects.get(pk=other.pk).status == Need.Status.OPEN
    assert Need.objects.get(pk=need.pk).status == Need.Status.MATCHED


def test_a_third_city_cannot_move_an_exchange(secretariat, seoul_officer, makati_officer, wego):
    from intercity.accounts.models import Role
    from intercity.accounts.tests.factories import person

    make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    exchange = services.accept_proposal(
        secretariat, services.run_matching(secretariat, wego).proposals.get()
    )
    stranger = person("goyang-officer", Role.CITY_OFFICER, "goyang")
    with pytest.raises(PermissionDenied):
        services.move(stranger, exchange, Exchange.Status.AGREED)


def test_suggestions_draw_on_the_self_assessment_gaps_and_the_gap_scores(
    secretariat, seoul_officer, makati_officer, wego
):
    makati = Organisation.objects.get(key="makati")
    assert services.suggestions(makati) == []
    module = SectoralModule.objects.get(slug="bus-information-system")
    Assessment.objects.create(
        organisation=makati,
        network=wego,
        instrument=Instrument.objects.get(slug="ceds"),
        version=InstrumentVersion.objects.filter(instrument__slug="ceds").first(),
        year=2025,
        status=Assessment.Status.ACCEPTED,
        result={
            "gaps": [{"module": "bus-information-system"}],
            "recommendations": [
                {
                    "module": "bus-information-system",
                    "priority": 1,
                    "tier": "overdue",
                    "reason": "Expected at level 2.",
                }
            ],
        },
    )
    found = services.suggestions(makati)
    assert [(s.module.slug, s.theme.slug if s.theme else "") for s in found] == [
        ("bus-information-system", "mobile-government")
    ]
    assert found[0].reason == "Expected at level 2."
    make.need(makati_officer, "makati", module=module, from_assessment=True)
    assert services.suggestions(makati) == []  # it has a need for it now
    make.offer(seoul_officer, "seoul", module=module)
    proposal = services.run_matching(secretariat, wego).proposals.get()
    assert [r["code"] for r in proposal.reasons][:3] == ["theme", "module", "gap"]
    assert any(
        "self-assessment found a gap" in w for w in services.reasons_in_words(proposal.reasons)
    )


def test_the_demo_posts_needs_and_offers_and_an_accepted_exchange():
    created = demo_needs.load()
    assert created["demo need"] >= 2
    assert created["demo offer"] >= 2
    assert created["demo exchange"] == 1
    exchange = Exchange.objects.get(demo=True)
    assert exchange.need_city.key == "makati"
    assert demo_needs.load() == Counter()
