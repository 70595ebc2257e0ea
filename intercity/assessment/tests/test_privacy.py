"""The peer benchmark never lets a caller compute the section score of a city that did not opt
in to be named (rules.release_peers; docs/assessment-method.md, "Peers and privacy").

The property test plays the strongest attacker this rule has to face: it knows every peer in
the set (which are named, which not), every named peer's score, its own score and the policy's
minimum, and sees everything the benchmark shows. Over a small domain of scores it tries every
assignment of scores to the unnamed peers and keeps those that would have given the same
response: each unnamed peer must keep at least `minimum` candidate values."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.assessment import rules

SECTION = "governance"
DOMAIN: tuple[Fraction | None, ...] = (None, *(Fraction(v) for v in range(0, 101, 20)))


def shown(release: rules.PeerRelease) -> Any:
    """Everything a response shows (the API and the page show less: no peer counts below or
    above; keeping them makes the attacker stronger)."""
    return (
        len(release.compared),
        release.withheld,
        tuple((p.key, tuple(sorted(p.scores.items()))) for p in release.named),
        tuple((s.slug, s.stats, s.position, s.withheld) for s in release.sections),
    )


def respond(
    own: Fraction | None,
    peers: list[tuple[int, bool, Fraction | None]],
    minimum: int,
    chosen: bool,
) -> rules.PeerRelease:
    return rules.release_peers(
        {SECTION: own},
        [SECTION],
        [rules.Peer(key, named, {SECTION: value}) for key, named, value in peers],
        minimum,
        chosen_by_caller=chosen,
    )


def candidates(
    own: Fraction | None,
    peers: list[tuple[int, bool, Fraction | None]],
    minimum: int,
    chosen: bool,
) -> dict[int, set[Fraction | None]]:
    """For each unnamed peer, every score it could hold given what the response shows."""
    seen = shown(respond(own, peers, minimum, chosen))
    unnamed = [i for i, (_, named, _) in enumerate(peers) if not named]
    found: dict[int, set[Fraction | None]] = {peers[i][0]: set() for i in unnamed}
    for guess in itertools.product(DOMAIN, repeat=len(unnamed)):
        trial = list(peers)
        for index, value in zip(unnamed, guess, strict=True):
            key, named, _ = trial[index]
            trial[index] = (key, named, value)
        if shown(respond(own, trial, minimum, chosen)) == seen:
            for index, value in zip(unnamed, guess, strict=True):
                found[peers[index][0]].add(value)
    return found


scores = st.sampled_from(DOMAIN)
peer_sets = st.lists(st.tuples(st.booleans(), scores), max_size=7).filter(
    lambda peers: sum(not named for named, _ in peers) <= 4
)


@settings(max_examples=150, deadline=None)
@given(
    own=scores,
    drawn=peer_sets,
    minimum=st.integers(min_value=2, max_value=4),
    chosen=st.booleans(),
)
def test_no_unnamed_peers_score_can_be_derived_from_a_benchmark(own, drawn, minimum, chosen):
    peers = [(key, named, value) for key, (named, value) in enumerate(drawn, start=1)]
    for key, found in candidates(own, peers, minimum, chosen).items():
        assert len(found) >= minimum, (key, found, peers)


@settings(max_examples=150, deadline=None)
@given(own=scores, drawn=peer_sets, extra=scores, minimum=st.integers(min_value=2, max_value=4))
def test_adding_a_city_that_does_not_share_to_a_chosen_list_changes_nothing(
    own, drawn, extra, minimum
):
    peers = [(key, named, value) for key, (named, value) in enumerate(drawn, start=1)]
    with_it = [*peers, (99, False, extra)]
    assert shown(respond(own, peers, minimum, True)) == shown(respond(own, with_it, minimum, True))


def test_the_issues_case_min_and_max_beside_two_named_scores_no_longer_read_off_the_third():
    """Makati chose Da Nang (not sharing), Jakarta and Seoul (both sharing)."""
    peers = [(46, False, Fraction(70)), (9, True, Fraction(40)), (2, True, Fraction(90))]
    release = respond(Fraction(50), peers, 3, chosen=True)
    assert [p.key for p in release.compared] == [9, 2]
    assert release.sections[0].stats is None
    assert candidates(Fraction(50), peers, 3, True)[46] == set(DOMAIN)


def test_unnamed_peers_with_one_score_between_them_are_not_summarised():
    """Three unnamed peers all at 40 by region: a minimum and maximum of 40 would name each
    one's score, though the set is large enough."""
    peers = [(1, False, Fraction(40)), (2, False, Fraction(40)), (3, False, Fraction(40))]
    release = respond(Fraction(60), peers, 3, chosen=False)
    assert release.sections[0].stats is None
    assert "fewer than 3 different scores" in release.sections[0].withheld
    spread = [(1, False, Fraction(20)), (2, False, Fraction(40)), (3, False, Fraction(60))]
    shown_stats = respond(Fraction(60), spread, 3, chosen=False).sections[0].stats
    assert shown_stats is not None
    assert shown_stats.median == 40
