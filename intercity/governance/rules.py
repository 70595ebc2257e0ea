"""The statute's decision rules (WeGO Statute 2013 text in seed 001; Statute 2017, Art. 11,
12.7, 13.6, 15.1, 16, in seed 002), as an engine over exact fractions.

A rule says how many must attend (a fraction of a base, compared inclusively or strictly),
how many must agree, and what a tie does. `decide` applies a rule to counted votes and
returns a Ruling that explains itself in words. No ORM, no clock, no floats.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext


class Base(StrEnum):
    TOTAL = "total"  # all members of the body
    PRESENT = "present"  # members present, in person or remotely (Art. 20)
    CAST = "cast"  # yes + no


class Comparison(StrEnum):
    AT_LEAST = "at_least"  # "one fourth or more"
    MORE_THAN = "more_than"  # "more than one third"


class TiePolicy(StrEnum):
    REJECTED = "rejected"  # 2013 Art. 16.2: "In the case of a tie vote ... rejected"
    CASTING_VOTE = "casting_vote"  # 2017 Art. 12.7: the Secretary General votes to break a tie
    THRESHOLDS = "thresholds"  # no tie rule: the thresholds alone decide


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NOT_QUORATE = "not-quorate"
    TIE = "tie"


OUTCOME_WORDS = {
    Outcome.ADOPTED: gettext_lazy("adopted"),
    Outcome.REJECTED: gettext_lazy("rejected"),
    Outcome.NOT_QUORATE: gettext_lazy("not quorate"),
    Outcome.TIE: gettext_lazy("tie"),
}


FRACTION_WORDS = {
    Fraction(1, 4): gettext_lazy("one fourth"),
    Fraction(1, 3): gettext_lazy("one third"),
    Fraction(1, 2): gettext_lazy("one half"),
    Fraction(2, 3): gettext_lazy("two thirds"),
    Fraction(1, 1): gettext_lazy("all"),
}
# A threshold with its base, as one sentence part per comparison and base (word order differs
# between languages): "one fourth or more of all 19 members".
THRESHOLD_WORDS = {
    (Comparison.AT_LEAST, Base.TOTAL): gettext_lazy(
        "%(fraction)s or more of all %(total)s members"
    ),
    (Comparison.AT_LEAST, Base.PRESENT): gettext_lazy(
        "%(fraction)s or more of the %(present)s present"
    ),
    (Comparison.AT_LEAST, Base.CAST): gettext_lazy(
        "%(fraction)s or more of the %(cast)s votes cast"
    ),
    (Comparison.MORE_THAN, Base.TOTAL): gettext_lazy(
        "more than %(fraction)s of all %(total)s members"
    ),
    (Comparison.MORE_THAN, Base.PRESENT): gettext_lazy(
        "more than %(fraction)s of the %(present)s present"
    ),
    (Comparison.MORE_THAN, Base.CAST): gettext_lazy(
        "more than %(fraction)s of the %(cast)s votes cast"
    ),
}


def fraction_words(value: Fraction) -> str:
    return str(FRACTION_WORDS.get(value, f"{value.numerator}/{value.denominator}"))


def threshold_words(threshold: Threshold, values: dict[str, int]) -> str:
    """The threshold with its base and numbers, e.g. "more than one half of the 12 present"."""
    return str(THRESHOLD_WORDS[(threshold.comparison, threshold.base)]) % {
        "fraction": fraction_words(threshold.fraction),
        **values,
    }


def number_words(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    decimal = value.numerator / value.denominator  # display only; comparisons stay exact
    return f"{value} ({decimal:.4g})"


@dataclass(frozen=True)
class Threshold:
    fraction: Fraction
    comparison: Comparison = Comparison.AT_LEAST
    base: Base = Base.PRESENT

    def required(self, base_value: int) -> Fraction:
        return self.fraction * base_value

    def least(self, base_value: int) -> int:
        """The fewest votes or members that meet the threshold: 19 x one fourth or more
        is 5; 12 x more than one half is 7."""
        needed = self.required(base_value)
        if self.comparison == Comparison.AT_LEAST:
            return max(0, math.ceil(needed))
        return math.floor(needed) + 1

    def met(self, value: int, base_value: int) -> bool:
        needed = self.required(base_value)
        return value >= needed if self.comparison == Comparison.AT_LEAST else value > needed

    def words(self) -> str:
        """The threshold without its base, e.g. "one fourth or more", "more than one half"."""
        values = {"fraction": fraction_words(self.fraction)}
        if self.comparison == Comparison.MORE_THAN:
            return _("more than %(fraction)s") % values
        return _("%(fraction)s or more") % values


@dataclass(frozen=True)
class DecisionRule:
    """One kind of decision under one statute version, e.g. an ordinary motion of the
    Executive Committee under the 2017 Statute."""

    statute_version: str
    decision: str
    article: str
    concurrence: Threshold
    attendance: Threshold | None = None
    tie_policy: TiePolicy = TiePolicy.THRESHOLDS


@dataclass(frozen=True)
class Count:
    """Votes on one motion. `present` counts those attending in person or remotely;
    for written consent, `yes` is the members who consented in writing."""

    members_total: int
    present: int
    yes: int
    no: int = 0
    abstain: int = 0
    casting_vote: str | None = None  # "yes" | "no": the Secretary General's (Art. 12.7)


def count_problems(count: Count) -> list[str]:
    """Why a count cannot be right; empty when it can."""
    problems = []
    for name in ("members_total", "present", "yes", "no", "abstain"):
        if getattr(count, name) < 0:
            # Translators: %(name)s is a field of the count: members_total, present, yes, no
            # or abstain.
            problems.append(_("%(name)s cannot be negative.") % {"name": name})
    if count.members_total == 0:
        problems.append(_("A body with no members who may vote cannot decide anything."))
    if count.present > count.members_total:
        problems.append(
            _("%(present)s present is more than the %(total)s members of the body.")
            % {"present": count.present, "total": count.members_total}
        )
    if count.yes + count.no + count.abstain > count.present:
        problems.append(
            _(
                "%(yes)s yes + %(no)s no + %(abstain)s abstentions = %(sum)s, more than the "
                "%(present)s present."
            )
            % {
                "yes": count.yes,
                "no": count.no,
                "abstain": count.abstain,
                "sum": count.yes + count.no + count.abstain,
                "present": count.present,
            }
        )
    if count.casting_vote not in (None, "yes", "no"):
        problems.append(_("A casting vote is yes or no."))
    return problems


@dataclass(frozen=True)
class Ruling:
    outcome: Outcome
    rule: DecisionRule
    attendance_required: Fraction | None
    concurrence_required: Fraction
    explanation: str
    steps: tuple[str, ...] = field(default_factory=tuple)


def _base_value(base: Base, count: Count) -> int:
    return {
        Base.TOTAL: count.members_total,
        Base.PRESENT: count.present,
        Base.CAST: count.yes + count.no,
    }[base]


def decide(rule: DecisionRule, count: Count) -> Ruling:
    """Apply a rule to a count. Raises ValueError for an impossible count."""
    problems = count_problems(count)
    if problems:
        raise ValueError(" ".join(problems))
    steps: list[str] = []
    attendance_required = None
    values = {"total": count.members_total, "present": count.present, "cast": count.yes + count.no}

    def finish(outcome: Outcome) -> Ruling:
        steps.append(str(OUTCOME_WORDS[outcome]))
        return Ruling(
            outcome, rule, attendance_required, concurrence_required, "; ".join(steps), tuple(steps)
        )

    concurrence_required = rule.concurrence.required(_base_value(rule.concurrence.base, count))
    if rule.attendance is not None:
        base = _base_value(rule.attendance.base, count)
        attendance_required = rule.attendance.required(base)
        ok = rule.attendance.met(count.present, base)
        step = _("%(present)s of %(total)s present; quorum is %(threshold)s = %(required)s") % {
            "present": count.present,
            "total": count.members_total,
            "threshold": threshold_words(rule.attendance, values),
            "required": number_words(attendance_required),
        }
        if not ok:
            step += "; " + _("%(present)s is not enough") % {"present": count.present}
        steps.append(step)
        if not ok:
            return finish(Outcome.NOT_QUORATE)

    base = _base_value(rule.concurrence.base, count)
    concurrence_met = rule.concurrence.met(count.yes, base)
    steps.append(
        _(
            "%(yes)s yes, %(no)s no, %(abstain)s abstaining; adoption needs %(threshold)s "
            "= %(required)s"
        )
        % {
            "yes": count.yes,
            "no": count.no,
            "abstain": count.abstain,
            "threshold": threshold_words(rule.concurrence, values),
            "required": number_words(concurrence_required),
        }
    )
    tie = count.yes == count.no and count.yes > 0
    if tie and rule.tie_policy == TiePolicy.REJECTED:
        steps.append(
            _("%(yes)s to %(no)s is a tie, and a tie is rejected (%(article)s)")
            % {"yes": count.yes, "no": count.no, "article": rule.article}
        )
        return finish(Outcome.REJECTED)
    if tie and rule.tie_policy == TiePolicy.CASTING_VOTE:
        if count.casting_vote is None:
            steps.append(
                _(
                    "%(yes)s to %(no)s is a tie: the Secretary General's casting vote "
                    "decides (%(article)s)"
                )
                % {"yes": count.yes, "no": count.no, "article": rule.article}
            )
            return finish(Outcome.TIE)
        steps.append(
            _("tie broken by the Secretary General's casting vote: yes")
            if count.casting_vote == "yes"
            else _("tie broken by the Secretary General's casting vote: no")
        )
        return finish(Outcome.ADOPTED if count.casting_vote == "yes" else Outcome.REJECTED)
    return finish(Outcome.ADOPTED if concurrence_met else Outcome.REJECTED)


@dataclass(frozen=True)
class Election:
    """Most votes wins (Art. 11.3, 12.10, 13.6(a)); a tie is reported, never resolved here."""

    winner: str | None
    tied: tuple[str, ...]
    votes: tuple[tuple[str, int], ...]
    explanation: str


def elect(votes: dict[str, int], *, no_candidate_default: str | None = None) -> Election:
    """Plurality. With no candidate, `no_candidate_default` (e.g. the President City hosts
    the next General Assembly, Art. 12.11) is named as the outcome."""
    if any(v < 0 for v in votes.values()):
        raise ValueError(_("Votes cannot be negative."))
    ranked = tuple(sorted(votes.items(), key=lambda item: (-item[1], item[0])))
    if not ranked:
        if no_candidate_default:
            return Election(
                no_candidate_default,
                (),
                (),
                _("No candidate: %(name)s by default (Art. 12.11).")
                % {"name": no_candidate_default},
            )
        return Election(None, (), (), _("No candidate."))
    top = ranked[0][1]
    leaders = tuple(name for name, n in ranked if n == top)
    tally = ", ".join(f"{name} {n}" for name, n in ranked)
    if len(leaders) > 1:
        return Election(
            None,
            leaders,
            ranked,
            ngettext(
                "%(tally)s: a tie between %(names)s with %(votes)s vote each.",
                "%(tally)s: a tie between %(names)s with %(votes)s votes each.",
                top,
            )
            % {"tally": tally, "names": _name_list(leaders), "votes": top},
        )
    return Election(
        leaders[0],
        (),
        ranked,
        _("%(tally)s: %(name)s has the most votes.") % {"tally": tally, "name": leaders[0]},
    )


def _name_list(names: tuple[str, ...]) -> str:
    """Names in a sentence, e.g. "Makati and Sejong"."""
    text = names[0] if names else ""
    for name in names[1:]:
        text = pgettext("the last of a list of names", "%(first)s and %(second)s") % {
            "first": text,
            "second": name,
        }
    return text


@dataclass(frozen=True)
class Voter:
    category: str
    status: str
    present: bool


def voters(
    members: list[Voter], voting_categories: frozenset[str] = frozenset({"full"})
) -> tuple[int, int]:
    """(members who may vote, of whom present). Only full members vote, one vote each
    (Art. 16.2); a suspended member has no vote (Art. 7.3); remote counts as present (Art. 20)."""
    eligible = [m for m in members if m.category in voting_categories and m.status == "active"]
    return len(eligible), sum(1 for m in eligible if m.present)


def rule_from_data(version: str, decision: str, data: dict[str, object]) -> DecisionRule:
    """A rule from its stored form (the YAML seed, or a row staff edited)."""

    def threshold(raw: object) -> Threshold | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise ValueError(_("A threshold is a mapping, not %(raw)r.") % {"raw": raw})
        return Threshold(
            Fraction(str(raw["fraction"])),
            Comparison(raw.get("comparison", Comparison.AT_LEAST)),
            Base(raw.get("base", Base.PRESENT)),
        )

    concurrence = threshold(data.get("concurrence"))
    if concurrence is None:
        raise ValueError(
            _("%(version)s %(decision)s: a rule needs a concurrence threshold.")
            % {"version": version, "decision": decision}
        )
    return DecisionRule(
        statute_version=version,
        decision=decision,
        article=str(data.get("article", "")),
        concurrence=concurrence,
        attendance=threshold(data.get("attendance")),
        tie_policy=TiePolicy(str(data.get("tie", TiePolicy.THRESHOLDS))),
    )


@dataclass(frozen=True)
class Moment:
    """When something is decided: a day and, at a meeting, the place of the decision in the
    meeting's order of business. `order` None at a meeting is its opening, before any of its
    decisions (candidacy and notice deadlines are judged there); `meeting` None is the day
    as a whole, after everything decided on it."""

    day: dt.date
    meeting: int | None = None
    order: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Adoption:
    """The decision that adopted an amended text: its meeting and its place in that meeting's
    order of business. The text is in force from the moment after it (Art. 17)."""

    meeting: int
    order: tuple[int, ...]


@dataclass(frozen=True)
class StatuteVersion:
    name: str
    effective_from: dt.date
    rules: dict[tuple[str, str], DecisionRule]  # (decision, body) -> rule
    adopted_at: Adoption | None = None


def in_force(version: StatuteVersion, at: Moment) -> bool:
    """Whether a text governs a moment. A text adopted at a meeting takes effect when it is
    adopted: decisions of that meeting before the adopting vote, and the vote itself, are
    judged by the earlier text, those after it by the new one; the meeting's opening (its
    notice and candidacy deadlines) by the earlier text. Without a recorded adoption a text is
    in force for its whole first day; outside the adopting meeting, the day is taken after it."""
    if version.effective_from != at.day:
        return version.effective_from < at.day
    adoption = version.adopted_at
    if adoption is None or at.meeting is None or at.meeting != adoption.meeting:
        return True
    return at.order is not None and at.order > adoption.order


def version_in_force(versions: list[StatuteVersion], on: dt.date | Moment) -> StatuteVersion | None:
    """The latest version in force at `on`: a date is the whole day (after any adoption on it);
    a Moment places a decision within its meeting."""
    at = on if isinstance(on, Moment) else Moment(on)
    candidates = [v for v in versions if in_force(v, at)]
    return max(candidates, key=lambda v: v.effective_from, default=None)


def versions_from_data(records: list[dict[str, object]]) -> list[StatuteVersion]:
    versions = []
    for record in records:
        name = str(record["version"])
        effective = record["effective_from"]
        if not isinstance(effective, dt.date):
            effective = dt.date.fromisoformat(str(effective))
        table: dict[tuple[str, str], DecisionRule] = {}
        decisions = record.get("rules") or {}
        assert isinstance(decisions, dict)
        for decision, bodies in decisions.items():
            for body, data in bodies.items():
                table[(decision, body)] = rule_from_data(name, decision, data)
        adopted = record.get("adopted_at")
        adoption = None
        if adopted is not None:
            if not isinstance(adopted, Adoption):
                raise ValueError(f"{name}: adopted_at is an Adoption, not {adopted!r}.")
            adoption = adopted
        versions.append(StatuteVersion(name, effective, table, adoption))
    return versions


def rule_on(
    versions: list[StatuteVersion], on: dt.date | Moment, decision: str, body: str
) -> DecisionRule:
    """The rule for a decision of a body at a date or moment, or ValueError saying why there
    is none."""
    version = version_in_force(versions, on)
    if version is None:
        day = on.day if isinstance(on, Moment) else on
        raise ValueError(_("No statute text on record for %(day)s.") % {"day": day.isoformat()})
    try:
        return version.rules[(decision, body)]
    except KeyError:
        known = ", ".join(sorted({d for d, b in version.rules if b == body}))
        values = {"version": version.name, "decision": decision, "body": body, "known": known}
        if not known:
            raise ValueError(
                _(
                    "%(version)s has no rule for '%(decision)s' decisions of the %(body)s; "
                    "it has none."
                )
                % values
            ) from None
        raise ValueError(
            _(
                "%(version)s has no rule for '%(decision)s' decisions of the %(body)s; "
                "it has: %(known)s."
            )
            % values
        ) from None


# --- Composition of the Executive Committee, candidacies, deadlines -----------------------


@dataclass(frozen=True)
class Problem:
    """A rule a record breaks, with the article that sets it. Staff are warned, not blocked:
    the record may be what really happened (the seeds show a 20-member EXCOM plus an EVP)."""

    article: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} ({self.article})"


def composition_problems(offices: list[str], limits: dict[str, object]) -> list[Problem]:
    """Check the offices held in the Executive Committee on one day against the limits of the
    statute version in force, e.g. {max_members: 20, not_counted: [executive_vice_president],
    min_vice_presidents: 5, max_presidents: 1, article: "Art. 11.2; 12.1"}."""
    article = str(limits.get("article", ""))
    problems = []
    not_counted = set(cast_list(limits.get("not_counted")))
    counted = [o for o in offices if o not in not_counted]
    max_members = limits.get("max_members")
    if isinstance(max_members, int) and len(counted) > max_members:
        problems.append(
            Problem(
                article,
                _("%(n)s members counted (not counting %(excluded)s); the limit is %(limit)s")
                % {
                    "n": len(counted),
                    "excluded": ", ".join(sorted(not_counted)) or _("anyone"),
                    "limit": max_members,
                },
            )
        )
    min_vps = limits.get("min_vice_presidents")
    vps = offices.count("vice_president")
    if isinstance(min_vps, int) and vps < min_vps:
        problems.append(
            Problem(
                article,
                _("%(n)s Vice Presidents; at least %(least)s are needed")
                % {"n": vps, "least": min_vps},
            )
        )
    presidents = offices.count("president")
    if presidents != 1:
        problems.append(
            Problem(article, _("%(n)s President cities; there must be one") % {"n": presidents})
        )
    evps = offices.count("executive_vice_president")
    if evps > 1:
        problems.append(
            Problem(article, _("%(n)s Executive Vice Presidents; there is one") % {"n": evps})
        )
    return problems


def cast_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter:
    two months before 30 April is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def shift(day: dt.date, offset: dict[str, object]) -> dt.date:
    """A day moved by whole months, weeks and days (negative: earlier)."""
    amounts = {unit: offset.get(unit, 0) for unit in ("months", "weeks", "days")}
    unknown = set(offset) - set(amounts)
    if unknown or not all(isinstance(n, int) for n in amounts.values()):
        raise ValueError(
            _("An offset is whole months, weeks and days, not %(offset)r.") % {"offset": offset}
        )
    months, weeks, days = (int(amounts[u]) for u in ("months", "weeks", "days"))  # type: ignore[call-overload]
    return add_months(day, months) + dt.timedelta(weeks=weeks, days=days)


@dataclass(frozen=True)
class CandidacyCheck:
    office: str
    declared_on: dt.date | None
    election_on: dt.date
    is_full_member: bool
    fees_fully_paid: bool | None  # None: the fee record cannot tell
    fees_checked: bool = True  # False: no dues module is installed to tell


def candidacy_problems(check: CandidacyCheck, condition: dict[str, object]) -> list[Problem]:
    """A candidacy against the conditions of its office, e.g. the President city's (Art.
    11.5): a full member, fees fully paid, declared in writing two months before the GA."""
    article = str(condition.get("article", ""))
    problems = []
    if condition.get("full_member") and not check.is_full_member:
        problems.append(Problem(article, _("the candidate is not a full member")))
    if condition.get("fees_paid"):
        if not check.fees_checked:
            problems.append(Problem(article, _("fees not checked: dues module not installed")))
        elif check.fees_fully_paid is False:
            problems.append(Problem(article, _("the candidate has not fully paid its fees")))
        elif check.fees_fully_paid is None:
            problems.append(Problem(article, _("the fee record cannot show the fees fully paid")))
    notice = condition.get("notice_months")
    if isinstance(notice, int):
        latest = add_months(check.election_on, -notice)
        if check.declared_on is None:
            problems.append(
                Problem(
                    article,
                    _("no written declaration by %(day)s") % {"day": latest.isoformat()},
                )
            )
        elif check.declared_on > latest:
            problems.append(
                Problem(
                    article,
                    _("declared on %(day)s, after %(latest)s (%(n)s months before %(election)s)")
                    % {
                        "day": check.declared_on.isoformat(),
                        "latest": latest.isoformat(),
                        "n": notice,
                        "election": check.election_on,
                    },
                )
            )
    return problems


@dataclass(frozen=True)
class Deadline:
    key: str
    name: str
    due: dt.date | None  # None: the statute sets no period ("at the earliest reasonable time")
    anchor: str
    article: str
    explanation: str
    kind: str = "deadline"  # deadline | interval (a meeting due again) | term (an office ends)


# The events a deadline counts from, as a sentence names them with their day.
ANCHOR_WORDS = {
    "general-assembly": gettext_lazy("the general assembly of %(day)s"),
    "executive-committee": gettext_lazy("the executive committee of %(day)s"),
    "ga-host-selection": gettext_lazy("the ga host selection of %(day)s"),
    "first-excom-after-host-selection": gettext_lazy(
        "the first executive committee after the host selection, of %(day)s"
    ),
}


def _anchor_words(anchor: str, day: dt.date) -> str:
    words = ANCHOR_WORDS.get(anchor)
    if words is None:
        # Translators: %(anchor)s is an event's code, e.g. "general assembly".
        return _("the %(anchor)s of %(day)s") % {
            "anchor": anchor.replace("-", " "),
            "day": day.isoformat(),
        }
    return str(words) % {"day": day.isoformat()}


def _span(offset: dict[str, object]) -> str:
    """A period in words, e.g. "2 months", "10 weeks", "1 month and 2 days"."""
    parts = []
    for unit in ("months", "weeks", "days"):
        n = offset.get(unit, 0)
        if not isinstance(n, int) or not n:
            continue
        n = abs(n)
        if unit == "months":
            parts.append(ngettext("%(n)s month", "%(n)s months", n) % {"n": n})
        elif unit == "weeks":
            parts.append(ngettext("%(n)s week", "%(n)s weeks", n) % {"n": n})
        else:
            parts.append(ngettext("%(n)s day", "%(n)s days", n) % {"n": n})
    text = parts[0] if parts else ""
    for part in parts[1:]:
        # Translators: two parts of a period, e.g. "1 month and 2 days".
        text = _("%(first)s and %(second)s") % {"first": text, "second": part}
    return text


def deadlines(anchors: dict[str, dt.date], specs: list[dict[str, object]]) -> list[Deadline]:
    """The dates that follow from the statute for the anchors given (e.g. the planned
    General Assembly's date), in date order, those without a fixed period last. Specs whose
    anchor is not given are skipped. The explanations are in the active language: they are
    computed for the reader, never stored."""
    found = []
    for spec in specs:
        anchor = str(spec.get("anchor", ""))
        if anchor not in anchors:
            continue
        offset = spec.get("offset")
        day = anchors[anchor]
        where = _anchor_words(anchor, day)
        if offset is None:
            due = None
            explanation = _("the statute sets no period; it is tied to %(anchor)s") % {
                "anchor": where
            }
        elif not isinstance(offset, dict):
            raise ValueError(
                _("Deadline %(key)s: offset must be a mapping.") % {"key": spec.get("key")}
            )
        else:
            due = shift(day, offset)
            values = {"span": _span(offset), "anchor": where, "due": due.isoformat()}
            if not values["span"]:
                explanation = _("on %(anchor)s: %(due)s") % values
            elif due < day:
                explanation = _("%(span)s before %(anchor)s: %(due)s") % values
            else:
                explanation = _("%(span)s after %(anchor)s: %(due)s") % values
        found.append(
            Deadline(
                key=str(spec.get("key", "")),
                name=str(spec.get("name", "")),
                due=due,
                anchor=anchor,
                article=str(spec.get("article", "")),
                explanation=explanation,
                kind=str(spec.get("kind", "deadline")),
            )
        )
    return sorted(found, key=lambda d: (d.due is None, d.due or dt.date.max, d.key))


def vote_refusal(
    voter: Voter | None, voting_categories: frozenset[str] = frozenset({"full"})
) -> str | None:
    """Why a member may not vote on a motion, or None when it may: only full members vote
    (Art. 6, 16.2), a suspended member has no vote (Art. 7.3), and only those present, in
    person or remotely (Art. 20), vote at a meeting."""
    if voter is None:
        return _("is not a member of the body on the day of the meeting")
    if voter.category not in voting_categories:
        return _("is a %(category)s member; only full members vote (Art. 6)") % {
            "category": voter.category
        }
    if voter.status != "active":
        return _("is %(status)s and has no vote (Art. 7.3)") % {"status": voter.status}
    if not voter.present:
        return _("is not checked in as present, in person or remotely (Art. 20)")
    return None


# --- Offices (Art. 11-13) ---------------------------------------------------------------------

# Offices an election fills in the Executive Committee (Art. 11-12).
ELECTED_OFFICES = {"president", "executive_vice_president", "vice_president", "member"}
# What an election may be held for, as the forms offer it.
OFFICE_CHOICES = [
    ("president", gettext_lazy("President city (Art. 11.3)")),
    ("executive_vice_president", gettext_lazy("Executive Vice President")),
    ("vice_president", gettext_lazy("Vice President")),
    ("member", gettext_lazy("Member of the Executive Committee (Art. 12.4)")),
    ("ga-host", gettext_lazy("Host city of the next General Assembly (Art. 12.10)")),
    ("regional-office", gettext_lazy("Regional office (Art. 13.6(a)): name the region")),
]
# The offices without their article, e.g. "President city".
OFFICE_LABELS = {
    "president": gettext_lazy("President city"),
    "executive_vice_president": gettext_lazy("Executive Vice President"),
    "vice_president": gettext_lazy("Vice President"),
    "member": gettext_lazy("Member of the Executive Committee"),
    "ga-host": gettext_lazy("Host city of the next General Assembly"),
    "regional-office": gettext_lazy("Regional office"),
}


# --- The quorum line of a meeting --------------------------------------------------------------


def least(threshold: Threshold, base: int, limit: int) -> int | None:
    """The fewest people that meet a threshold, or None when more than `limit` would."""
    fewest = threshold.least(base)
    return fewest if fewest <= limit else None


@dataclass(frozen=True)
class Quorum:
    """The running line of the meeting page: who is present against the statute's rule."""

    present: int
    total: int
    needed: int | None
    needed_words: str
    met: bool
    yes_needed: int | None
    yes_words: str


def quorum(rule: DecisionRule, members_total: int, present: int) -> Quorum:
    """How many must attend and how many yes votes adopt a motion, for a meeting where
    `present` of `members_total` voting members are present."""
    values = {"total": members_total, "present": present, "cast": present}
    bases = {Base.TOTAL: members_total, Base.PRESENT: present}
    needed, needed_words, met = None, "", True
    if rule.attendance is not None:
        base = bases.get(rule.attendance.base, members_total)
        needed = least(rule.attendance, base, members_total)
        met = rule.attendance.met(present, base)
        needed_words = threshold_words(rule.attendance, values)
    yes_needed, yes_words = None, ""
    if rule.concurrence.base in bases:
        base = bases[rule.concurrence.base]
        yes_needed = least(rule.concurrence, base, base)
        yes_words = threshold_words(rule.concurrence, values)
    return Quorum(present, members_total, needed, needed_words, met, yes_needed, yes_words)
