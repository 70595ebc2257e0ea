"""Two presses at once (threads on committed rows, SQLite and PostgreSQL): the matching runs
once, a pair is confirmed once, publishing happens once, and a ranking sent while the matching
runs is either in before it or refused, never half-saved."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.exchange.models_twinning import TwinningPair, TwinningRound
from intercity.exchange.services import twinning
from intercity.exchange.tests import factories_twinning as make

pytestmark = pytest.mark.django_db(transaction=True)


def _matched_round():
    round_ = make.round_()
    make.ranks(round_, "bangkok", ["adb"])
    make.ranks(round_, "manila", ["world-bank"])
    make.ranks(round_, "adb", ["bangkok"])
    make.ranks(round_, "world-bank", ["manila"])
    return round_


def test_run_the_matching_pressed_twice_at_once_runs_once(committed_seed):
    staff = person("sam", Role.SECRETARIAT)
    round_ = _matched_round()
    outcomes = run_concurrently(
        lambda i: twinning.run_matching(
            staff, TwinningRound.objects.get(pk=round_.pk), ["cities", "partners"][i]
        ),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert TwinningPair.objects.filter(round=round_).count() == 2
    assert AuditEvent.objects.filter(verb="run_twinning_matching").count() == 1


def test_confirm_and_set_aside_of_one_pair_at_once_decide_it_once(committed_seed):
    staff = person("sam", Role.SECRETARIAT)
    round_ = _matched_round()
    twinning.run_matching(staff, round_, "cities")
    pair = TwinningPair.objects.get(round=round_, city__organisation__key="bangkok")
    actions = [twinning.confirm_pair, twinning.set_pair_aside]
    outcomes = run_concurrently(
        lambda i: actions[i](staff, TwinningPair.objects.select_related("round").get(pk=pair.pk)),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert "already been decided" in str(outcomes.errors[0])
    decided = AuditEvent.objects.filter(
        verb__in=["confirm_twinning_pair", "set_aside_twinning_pair"]
    )
    assert decided.count() == 1


def test_publish_pressed_twice_at_once_publishes_once(committed_seed):
    staff = person("sam", Role.SECRETARIAT)
    round_ = _matched_round()
    twinning.run_matching(staff, round_, "cities")
    twinning.confirm_all(staff, round_)
    outcomes = run_concurrently(
        lambda _i: twinning.publish(staff, TwinningRound.objects.get(pk=round_.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert AuditEvent.objects.filter(verb="publish_twinning_round").count() == 1


def test_a_ranking_sent_while_the_matching_runs_is_in_before_it_or_refused(committed_seed):
    staff = person("sam", Role.SECRETARIAT)
    round_ = _matched_round()
    officer = person("nok", Role.CITY_OFFICER, "bangkok")

    def act(i: int) -> object:
        if i == 0:
            return twinning.run_matching(staff, TwinningRound.objects.get(pk=round_.pk), "cities")
        make.ranks(round_, "bangkok", ["world-bank", "adb"], officer)
        return None

    outcomes = run_concurrently(act, times=2)
    bangkok = make.participant(round_, "bangkok")
    ranked = [p.organisation.key for p in twinning.rankings(round_)[bangkok.pk]]
    if outcomes.errors:  # the ranking came second: refused, the old ranking stands
        assert "already run" in str(outcomes.errors[0])
        assert ranked == ["adb"]
    else:  # the ranking came first: the matching used it
        assert ranked == ["world-bank", "adb"]
    pairs = TwinningPair.objects.filter(round=round_)
    assert pairs.count() >= 1
    for pair in pairs:  # every proposed pair matches the rankings stored
        assert pair.city_rank == (
            [p.pk for p in twinning.rankings(round_)[pair.city_id]].index(pair.partner_id) + 1
        )
