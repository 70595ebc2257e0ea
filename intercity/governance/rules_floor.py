"""The meeting floor's rules: amendments before their motion, elections to several seats, the
order of the speakers list and the time left of a speech. Pure: no ORM, no clock, no floats;
every result says why in words.

WeGO Statute 2017 Art. 12.4 (seed 002): "Members of the Executive Committee shall be elected by
the General Assembly in consideration of active participation in the Organization's
activities, membership fee payment status, and equitable geographical distribution as much as
possible." It names no method and no tie rule for the General Assembly (the casting vote of
Art. 12.7 is the Executive Committee's). So the seats go to the most votes, each voter giving
at most one vote to each of as many candidates as there are seats, and a tie for the last
seats is not broken here: the chair puts a run-off among the tied candidates to the vote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.governance.rules import _name_list

ARTICLE_SEATS = "Art. 12.4"


def amendments_pending_refusal(motion: str, pending: list[str]) -> str | None:
    """Why a motion may not be put to the vote yet: amendments to it still undecided (an
    amendment is voted before its motion, since it may change the text voted on)."""
    if not pending:
        return None
    return ngettext(
        "'%(motion)s' cannot be put to the vote yet: its amendment %(names)s is undecided. "
        "An amendment is decided before the motion, since it may change the text voted on.",
        "'%(motion)s' cannot be put to the vote yet: its amendments %(names)s are undecided. "
        "Amendments are decided before the motion, since they may change the text voted on.",
        len(pending),
    ) % {"motion": motion, "names": _name_list(tuple(f"'{p}'" for p in pending))}


@dataclass(frozen=True)
class SeatsResult:
    """An election to several seats: who is elected, who is tied for the seats left, and how
    many seats remain open (for a run-off, or unfilled for want of candidates)."""

    seats: int
    elected: tuple[str, ...]
    tied: tuple[str, ...]
    open_seats: int
    votes: tuple[tuple[str, int], ...]
    explanation: str


def ballot_problems(votes: dict[str, int], seats: int, voters_present: int) -> list[str]:
    """Why counted votes cannot be right: each voter present gives at most one vote to each of
    at most `seats` candidates, so no candidate has more votes than voters and all the votes
    are at most voters x seats."""
    problems = []
    if seats < 1:
        problems.append(_("An election fills at least one seat."))
    if any(n < 0 for n in votes.values()):
        problems.append(_("Votes cannot be negative."))
    over = sorted(name for name, n in votes.items() if n > voters_present)
    if over:
        problems.append(
            _("%(names)s: more votes than the %(present)s voters present.")
            % {"names": _name_list(tuple(over)), "present": voters_present}
        )
    total = sum(votes.values())
    if seats >= 1 and total > voters_present * seats:
        problems.append(
            _(
                "%(total)s votes in all, more than %(present)s voters x %(seats)s seats = "
                "%(most)s (%(article)s: each voter votes for at most as many candidates as "
                "there are seats)."
            )
            % {
                "total": total,
                "present": voters_present,
                "seats": seats,
                "most": voters_present * seats,
                "article": ARTICLE_SEATS,
            }
        )
    return problems


def elect_seats(votes: dict[str, int], seats: int) -> SeatsResult:
    """The `seats` candidates with the most votes are elected; a candidate needs at least one
    vote. When candidates with equal votes straddle the last seat, those above are elected and
    the tied ones are named for a run-off for the seats left (the statute has no tie rule for
    it, Art. 12.4)."""
    if seats < 1:
        raise ValueError(_("An election fills at least one seat."))
    if any(n < 0 for n in votes.values()):
        raise ValueError(_("Votes cannot be negative."))
    ranked = tuple(sorted(votes.items(), key=lambda item: (-item[1], item[0])))
    with_votes = [(name, n) for name, n in ranked if n > 0]
    tally = ", ".join(f"{name} {n}" for name, n in ranked) or _("no candidate")
    if len(with_votes) <= seats:
        elected = tuple(name for name, _n in with_votes)
        tied: tuple[str, ...] = ()
    else:
        cutoff = with_votes[seats - 1][1]
        above = tuple(name for name, n in with_votes if n > cutoff)
        at_cutoff = tuple(name for name, n in with_votes if n == cutoff)
        if len(above) + len(at_cutoff) <= seats:
            elected, tied = above + at_cutoff, ()
        else:
            elected, tied = above, at_cutoff
    open_seats = seats - len(elected)
    parts = [
        ngettext("%(tally)s: %(seats)s seat", "%(tally)s: %(seats)s seats", seats)
        % {"tally": tally, "seats": seats}
    ]
    if elected:
        parts.append(_("elected: %(names)s") % {"names": _name_list(elected)})
    else:
        parts.append(_("no one elected"))
    if tied:
        parts.append(
            ngettext(
                "a tie for the last %(open)s seat between %(names)s: the statute sets no tie "
                "rule for this election (%(article)s), so the chair puts a run-off among them "
                "to the vote",
                "a tie for the last %(open)s seats between %(names)s: the statute sets no tie "
                "rule for this election (%(article)s), so the chair puts a run-off among them "
                "to the vote",
                open_seats,
            )
            % {"open": open_seats, "names": _name_list(tied), "article": ARTICLE_SEATS}
        )
    elif open_seats:
        parts.append(
            ngettext(
                "%(open)s seat stays empty: too few candidates with a vote",
                "%(open)s seats stay empty: too few candidates with a vote",
                open_seats,
            )
            % {"open": open_seats}
        )
    return SeatsResult(seats, elected, tied, open_seats, ranked, "; ".join(parts) + ".")


def region_balance(regions: dict[str, str | None]) -> str:
    """The regions of those elected, as Art. 12.4 asks for "equitable geographical
    distribution as much as possible": a note for the record, never a refusal."""
    counts: dict[str, int] = {}
    for region in regions.values():
        key = region or _("no region on record")
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return ""
    listed = ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda i: i[0]))
    return _("Regions of those elected (%(article)s, equitable distribution): %(list)s.") % {
        "article": ARTICLE_SEATS,
        "list": listed,
    }


@dataclass(frozen=True)
class Request:
    """A waiting request to speak: its key, its place (the chair may move it) and how many
    times its speaker has already spoken on the item."""

    key: int
    position: int
    spoken_before: int = 0


def speaking_order(requests: list[Request], first_time_first: bool) -> list[Request]:
    """Who speaks next, in order: by place; with `first_time_first` (OpenSlides' rule), those
    who have not spoken on the item before those who have, each group by place."""
    if first_time_first:
        return sorted(requests, key=lambda r: (r.spoken_before > 0, r.position, r.key))
    return sorted(requests, key=lambda r: (r.position, r.key))


def remaining_seconds(started_at: dt.datetime, now: dt.datetime, limit: int) -> int:
    """Whole seconds left of a speech started at `started_at` with `limit` seconds; negative
    when the speaker runs over. Whole seconds of the elapsed time, no floats."""
    elapsed = (now - started_at) // dt.timedelta(seconds=1)
    return limit - elapsed


def clock_words(seconds: int) -> str:
    """A countdown as m:ss, with a minus sign when over time."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"
