"""What the assessment pages, the API, the PDF and the CSV read: a city's result (as kept at
submission, or a draft's progress), its history over the years, peer benchmarks that never
expose a city that has not opted in, and the Secretariat's network-wide picture with seed
001 Phase 2's "common challenges" groups."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from intercity.assessment import charts, rules, services
from intercity.assessment.models import (
    Assessment,
    ChallengeGroup,
    EvidenceItem,
    InstrumentVersion,
    MasterPlanStep,
    ReviewComment,
    SectoralModule,
)
from intercity.core.errors import DomainError
from intercity.network import services as registry
from intercity.network.models import Network


def _fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


@dataclass(frozen=True)
class SectionLine:
    slug: str
    name: str
    score: Fraction | None
    level: int | None
    level_name: str
    answered: int
    scored: int
    target: int | None = None


@dataclass(frozen=True)
class RecommendedModule:
    module: SectoralModule
    priority: int
    tier: str
    reason: str


@dataclass(frozen=True)
class GapLine:
    module: SectoralModule
    expected: str
    current: str
    since_level: int


@dataclass(frozen=True)
class Outcome:
    """A result for people: kept as submitted, or (a draft) scored from what is answered."""

    assessment: Assessment
    provisional: bool
    score: Fraction | None
    level: int | None
    level_name: str
    level_description: str
    explanation: str
    sections: tuple[SectionLine, ...]
    gaps: tuple[GapLine, ...]
    recommendations: tuple[RecommendedModule, ...]
    systems: dict[str, str]
    plan_steps: tuple[MasterPlanStep, ...]

    def scores(self) -> dict[str, Fraction | None]:
        return {s.slug: s.score for s in self.sections}


def _levels(version: InstrumentVersion) -> dict[int, dict[str, Any]]:
    return {int(lv["level"]): lv for lv in version.levels}


def _in_words(assessment: Assessment, data: dict[str, Any]) -> dict[str, Any]:
    """A kept result with its words in the reader's language: the numbers are the ones kept
    at submission; the section and level names, the explanation of the overall score and the
    reasons of the recommendations are written again from them, from the version (frozen
    once published) and its translations. What cannot be matched keeps its kept words."""
    version = assessment.version
    instrument = services.instrument_rules(version)
    parts = {s.slug: s for s in instrument.sections}
    kept = [s for s in data["sections"] if s["slug"] in parts]
    if len(kept) != len(data["sections"]):
        return data
    sections = [{**s, "name": parts[s["slug"]].name} for s in kept]
    level = instrument.level_named(data["level"]) if data["level"] else None
    score = _fraction(data["score"])
    explanation = rules.explain_overall(
        instrument.levels,
        [
            (parts[s["slug"]].weight, value)
            for s in kept
            if (value := _fraction(s["score"])) is not None
        ],
        score,
        level,
    )
    reasons: dict[str, str] = {}
    expectations = services.expectations_of(version)
    if expectations is not None and level is not None:
        modules = services.sectoral_modules()
        systems, _problems = rules.check_systems(
            expectations, [m.slug for m in modules], assessment.systems or {}
        )
        found = rules.recommend(
            expectations,
            modules,
            level.level,
            systems,
            {s["slug"]: _fraction(s["score"]) for s in kept},
            {s["slug"]: s["name"] for s in sections},
            {lv.level: lv.name for lv in instrument.levels},
        )
        reasons = {r.module: r.reason for r in found}
    return {
        **data,
        "sections": sections,
        "level_name": level.name if level else data.get("level_name", ""),
        "explanation": explanation,
        "recommendations": [
            {**r, "reason": reasons.get(r["module"], r["reason"])} for r in data["recommendations"]
        ],
    }


def outcome(assessment: Assessment) -> Outcome:
    if assessment.result:
        data = _in_words(assessment, assessment.result)
        provisional = False
    else:
        evaluation = services.evaluate(
            assessment.version, assessment.answers, assessment.systems, complete=False
        )
        data = services.snapshot(evaluation)
        provisional = True
    levels = _levels(assessment.version)
    modules = {m.slug: m for m in SectoralModule.objects.select_related("group")}
    recommended = tuple(
        RecommendedModule(modules[r["module"]], r["priority"], r["tier"], r["reason"])
        for r in data["recommendations"]
        if r["module"] in modules
    )
    slugs = {r.module.slug for r in recommended}
    steps = tuple(
        step
        for step in MasterPlanStep.objects.select_related("phase")
        if not step.applies_to or slugs & set(step.applies_to)
    )
    level = data["level"]
    return Outcome(
        assessment=assessment,
        provisional=provisional,
        score=_fraction(data["score"]),
        level=level,
        level_name=data.get("level_name", ""),
        level_description=levels.get(level, {}).get("description", "") if level else "",
        explanation=data["explanation"],
        sections=tuple(
            SectionLine(
                s["slug"],
                s["name"],
                _fraction(s["score"]),
                s["level"],
                levels.get(s["level"], {}).get("name", "") if s["level"] else "",
                s["answered"],
                s["scored"],
                assessment.targets.get(s["slug"]),
            )
            for s in data["sections"]
        ),
        gaps=tuple(
            GapLine(modules[g["module"]], g["expected"], g["current"], g["since_level"])
            for g in data["gaps"]
            if g["module"] in modules
        ),
        recommendations=recommended,
        systems=dict(assessment.systems),
        plan_steps=steps,
    )


def radar_series(
    outcome: Outcome,
    benchmark: Benchmark | None = None,
    last_year: YearScores | None = None,
) -> list[charts.Series]:
    """The radar chart's series, for the page and the PDF alike: the city's scores; its
    targets, drawn where the target level starts; last year's outline when comparable; the
    peer median, only when every section has one and the privacy rule lets it be shown."""
    assessment = outcome.assessment
    words = {"city": assessment.organisation.name, "year": assessment.year}
    series = [
        charts.Series(
            # Translators: the name of a line on the radar chart: a city's scores of a year
            _("%(city)s %(year)s (provisional)") % words
            if outcome.provisional
            else f"{words['city']} {words['year']}",
            [s.score for s in outcome.sections],
            charts.OWN,
        )
    ]
    if any(s.target is not None for s in outcome.sections):
        instrument = services.instrument_rules(assessment.version)
        starts = [
            level.min_score if s.target and (level := instrument.level_named(s.target)) else None
            for s in outcome.sections
        ]
        name = (
            _("Target level for %(year)s (where the level starts)")
            % {"year": assessment.target_year}
            if assessment.target_year
            else _("Target level (where the level starts)")
        )
        series.append(charts.Series(name, starts, charts.TARGET))
    if last_year is not None:
        before = {"city": assessment.organisation.name, "year": last_year.year}
        series.append(
            charts.Series(
                _("%(city)s %(year)s (demonstration data)") % before
                if last_year.demo
                else f"{before['city']} {before['year']}",
                [last_year.scores.get(s.slug) for s in outcome.sections],
                charts.LAST_YEAR,
            )
        )
    medians = peer_medians(outcome, benchmark)
    if medians is not None and benchmark is not None:
        count = benchmark.peer_count
        name = (
            ngettext(
                "Peer median, %(count)s city (includes demonstration data)",
                "Peer median, %(count)s cities (includes demonstration data)",
                count,
            )
            if benchmark.demo_peers
            else ngettext("Peer median, %(count)s city", "Peer median, %(count)s cities", count)
        )
        series.append(
            charts.Series(
                name % {"count": count},
                [medians[s.slug] for s in outcome.sections],
                charts.PEER_MEDIAN,
            )
        )
    return series


def peer_medians(outcome: Outcome, benchmark: Benchmark | None) -> dict[str, Fraction] | None:
    """The peer median per section, only when the benchmark may show it for every section
    (rules.release_peers); a median drawn at 0 for want of peers would mislead."""
    if benchmark is None or benchmark.withheld:
        return None
    stats = {line.slug: line.stats for line in benchmark.lines}
    found = {s.slug: stats.get(s.slug) for s in outcome.sections}
    if not all(item is not None for item in found.values()):
        return None
    return {slug: item.median for slug, item in found.items() if item is not None}


@dataclass(frozen=True)
class YearScores:
    """An earlier assessment's section scores, keyed by this assessment's sections."""

    year: int
    scores: dict[str, Fraction | None]
    demo: bool = False


def last_year(assessment: Assessment) -> YearScores | None:
    """The city's latest earlier submitted or accepted assessment of the instrument, when
    comparable: the same version, or the version this one maps its sections from."""
    earlier = (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            instrument_id=assessment.instrument_id,
            year__lt=assessment.year,
            status__in=[Assessment.Status.SUBMITTED, Assessment.Status.ACCEPTED],
        )
        .select_related("version")
        .order_by("-year")
        .first()
    )
    if earlier is None or not earlier.result:
        return None
    before = _scores(earlier)
    if earlier.version_id == assessment.version_id:
        return YearScores(earlier.year, before, earlier.demo)
    if assessment.version.comparable_to_id == earlier.version_id:
        mapping = assessment.version.section_map or {}
        return YearScores(
            earlier.year,
            {mine: before.get(mapping.get(mine, mine)) for mine in _scores_of(assessment)},
            earlier.demo,
        )
    return None


@dataclass(frozen=True)
class Comparison:
    """What the result page sets beside a city's scores: last year's, and the peers' median
    where the privacy rule lets it be shown, with a sentence saying which peers or why not."""

    last_year: YearScores | None
    median: dict[str, Fraction] | None
    benchmark: Benchmark | None
    note: str


def comparison(assessment: Assessment) -> Comparison:
    found: Benchmark | None = None
    try:
        found = benchmark(assessment, "region")
    except DomainError:
        found = None
    if found is None or found.withheld or not found.peer_count:
        try:
            found = benchmark(assessment, "all")
        except DomainError:
            found = None
    outcome_now = outcome(assessment)
    medians = peer_medians(outcome_now, found)
    if found is None or not found.peer_count:
        note = _("No peer has an accepted assessment of this version yet: no median to show.")
    elif medians is None:
        why = found.withheld or _("some sections have too few peers")
        note = _("The peer median is not shown: %(why)s.") % {"why": why.rstrip(".")}
    else:
        # Translators: %(basis)s is e.g. "cities of the same region"
        note = ngettext(
            "Peer median of %(count)s peer among %(basis)s.",
            "Peer median of %(count)s peers among %(basis)s.",
            found.peer_count,
        ) % {"count": found.peer_count, "basis": found.basis}
        if found.demo_peers:
            note += " " + ngettext(
                "%(count)s of them is demonstration data.",
                "%(count)s of them are demonstration data.",
                found.demo_peers,
            ) % {"count": found.demo_peers}
    return Comparison(last_year(assessment), medians, found if medians else None, note)


# --- History ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearLine:
    assessment: Assessment
    changes: tuple[rules.Change, ...]  # against the previous comparable assessment
    compared_with: Assessment | None
    level_change: int | None
    names: dict[str, str]  # section slug -> name


def _scores(assessment: Assessment) -> dict[str, Fraction | None]:
    return {s["slug"]: _fraction(s["score"]) for s in assessment.result.get("sections", [])}


def history(organisation_id: int, instrument_slug: str) -> list[YearLine]:
    """A city's submitted and accepted assessments of an instrument, newest first, each with
    its change since the one before: within a version, or through the later version's
    section map; otherwise none is claimed."""
    found = list(
        Assessment.objects.filter(
            organisation_id=organisation_id,
            instrument__slug=instrument_slug,
            status__in=[Assessment.Status.SUBMITTED, Assessment.Status.ACCEPTED],
        )
        .select_related("version", "instrument", "organisation")
        .order_by("year")
    )
    lines: list[YearLine] = []
    for index, current in enumerate(found):
        previous = found[index - 1] if index else None
        changes: tuple[rules.Change, ...] = ()
        level_change = None
        if previous is not None:
            mapping: dict[str, str] | None = None
            if previous.version_id != current.version_id:
                if current.version.comparable_to_id == previous.version_id:
                    mapping = current.version.section_map
                else:
                    previous = None
            if previous is not None:
                changes = tuple(rules.compare(_scores(previous), _scores(current), mapping))
                if previous.level is not None and current.level is not None:
                    level_change = current.level - previous.level
        names = _names(current)
        lines.append(YearLine(current, changes, previous, level_change, names))
    return list(reversed(lines))


# --- Peers ----------------------------------------------------------------------------------------


# Translators: the peers a city is compared with ("Compared with %(basis)s ...")
PEER_BASES = {
    "region": gettext_lazy("cities of the same region"),
    "population": gettext_lazy("cities of the same population band"),
    "cities": gettext_lazy("cities chosen by name"),
    "all": gettext_lazy("every assessed city"),
}


@dataclass(frozen=True)
class BenchmarkLine:
    slug: str
    name: str
    own: Fraction | None
    stats: rules.PeerStats | None
    position: rules.Position | None
    target: int | None
    withheld: str = ""  # why this section's statistics are not shown (rules.release_peers)


@dataclass(frozen=True)
class NamedPeer:
    name: str
    year: int
    level: int | None
    scores: dict[str, Fraction | None]
    demo: bool = False


@dataclass(frozen=True)
class Benchmark:
    basis: str
    peer_count: int
    minimum_peers: int
    lines: tuple[BenchmarkLine, ...]
    named: tuple[NamedPeer, ...]
    withheld: str = ""
    demo_peers: int = 0  # compared peers that are demonstration data, labelled as such


def latest_accepted(version: InstrumentVersion) -> QuerySet[Assessment]:
    """Each city's latest accepted assessment of one version (results compare only within
    a version)."""
    found = (
        Assessment.objects.filter(version=version, status=Assessment.Status.ACCEPTED)
        .select_related("organisation")
        .order_by("organisation_id", "-year")
    )
    seen: set[int] = set()
    keep = []
    for item in found.only("id", "organisation_id", "year"):
        if item.organisation_id not in seen:
            seen.add(item.organisation_id)
            keep.append(item.pk)
    return (
        Assessment.objects.filter(pk__in=keep)
        .select_related("organisation", "network")
        .order_by("organisation__name")
    )


def benchmark(
    assessment: Assessment, basis: str = "region", cities: Sequence[int] = ()
) -> Benchmark:
    """The city against its peers on each section: position, peer median and quartiles, as
    far as `rules.release_peers` lets them be shown (no city that did not opt in can be
    read from them); a peer appears by name only if it opted in (`share_with_peers`);
    answers are never shown."""
    if basis not in PEER_BASES:
        raise DomainError(_("Compare by one of: %(bases)s.") % {"bases": ", ".join(PEER_BASES)})
    policy = services.peer_policy(assessment.created_at.date())
    peers = latest_accepted(assessment.version).exclude(organisation=assessment.organisation)
    described = str(PEER_BASES[basis])
    if basis == "region":
        region = registry.region_of(assessment.network, assessment.organisation)
        if region is None:
            raise DomainError(
                _("%(city)s has no region in %(network)s.")
                % {"city": assessment.organisation, "network": assessment.network}
            )
        peers = peers.filter(organisation__in=registry.organisations_in_region(region))
        # Translators: the peers compared: the cities of a region of the network
        described = _("cities of %(region)s") % {"region": region.name}
    elif basis == "population":
        bands = [
            rules.PopulationBand(b["slug"], b["name"], b.get("below"))
            for b in policy.population_bands
        ]
        band = rules.population_band(assessment.organisation.population, bands)
        if band is None:
            raise DomainError(
                _("The population of %(city)s is not recorded; compare by region or choose cities.")
                % {"city": assessment.organisation}
            )
        index = bands.index(band)
        lower = bands[index - 1].below if index else None
        if lower is not None:
            peers = peers.filter(organisation__population__gte=lower)
        if band.below is not None:
            peers = peers.filter(organisation__population__lt=band.below)
        # Translators: the peers compared: %(band)s is a population band, e.g. "1 to 5
        # million"
        described = _("cities of %(band)s inhabitants") % {"band": band.name.lower()}
    elif basis == "cities":
        if not cities:
            raise DomainError(_("Choose at least one city to compare with."))
        # Only cities that opted in are compared (rules.release_peers): the basis says so
        # without saying which of the chosen did not.
        peers = peers.filter(organisation_id__in=list(cities))
        described = _("cities chosen by name that share their results")
    peer_list = list(peers)
    own = _scores_of(assessment)
    sections = [(s["slug"], s["name"]) for s in _sections_of(assessment)]
    by_key = {p.pk: p for p in peer_list}
    release = rules.release_peers(
        own,
        [slug for slug, _ in sections],
        [rules.Peer(p.pk, p.share_with_peers, _scores(p)) for p in peer_list],
        policy.minimum_peers,
        chosen_by_caller=basis == "cities",
    )
    count = len(release.compared)
    withheld = (
        ngettext(
            "%(count)s peer among %(basis)s; %(why)s.",
            "%(count)s peers among %(basis)s; %(why)s.",
            count,
        )
        % {"count": count, "basis": described, "why": release.withheld}
        if release.withheld
        else ""
    )
    lines = tuple(
        BenchmarkLine(
            slug,
            name,
            own.get(slug),
            part.stats,
            part.position,
            assessment.targets.get(slug),
            "" if release.withheld else part.withheld,
        )
        for (slug, name), part in zip(sections, release.sections, strict=True)
    )
    return Benchmark(
        described,
        count,
        policy.minimum_peers,
        lines,
        _named([by_key[p.key] for p in release.named]),
        withheld,
        sum(1 for p in release.compared if by_key[p.key].demo),
    )


def _names(assessment: Assessment) -> dict[str, str]:
    """A kept result's section names in the reader's language (the kept ones otherwise)."""
    live = {s.slug: s.name for s in services.instrument_rules(assessment.version).sections}
    return {
        s["slug"]: live.get(s["slug"], s["name"]) for s in assessment.result.get("sections", [])
    }


def _sections_of(assessment: Assessment) -> list[dict[str, Any]]:
    if assessment.result:
        names = _names(assessment)
        return [{**s, "name": names[s["slug"]]} for s in assessment.result["sections"]]
    return [{"slug": s.slug, "name": s.name} for s in outcome(assessment).sections]


def _scores_of(assessment: Assessment) -> dict[str, Fraction | None]:
    return _scores(assessment) if assessment.result else outcome(assessment).scores()


def _named(peers: Iterable[Assessment]) -> tuple[NamedPeer, ...]:
    return tuple(
        NamedPeer(p.organisation.name, p.year, p.level, _scores(p), p.demo)
        for p in peers
        if p.share_with_peers
    )


# --- The network's picture (Secretariat) ----------------------------------------------------------


@dataclass(frozen=True)
class GroupLine:
    group: rules.ChallengeGroup
    description: str
    workshop_topics: tuple[str, ...]
    cities: tuple[tuple[Assessment, rules.CityChallenge], ...]
    head_city: str | None
    head_strength: Fraction | None


@dataclass(frozen=True)
class Overview:
    network: Network
    version: InstrumentVersion
    assessed: int
    level_counts: tuple[tuple[int, str, int], ...]
    medians: tuple[tuple[str, Fraction | None], ...]
    groups: tuple[GroupLine, ...]
    submitted: int


def overview(network: Network, version: InstrumentVersion) -> Overview:
    """Distribution of levels among each member's latest accepted assessment of a version,
    the median of each section, and (CeDS) each city in the group of its main challenge,
    with the group's suggested head city: the strongest on the group's factors."""
    latest = list(latest_accepted(version).filter(network=network))
    levels = _levels(version)
    counts = Counter(a.level for a in latest if a.level is not None)
    sections = [(s.slug, s.name) for s in services.instrument_rules(version).sections]
    medians = []
    for slug, name in sections:
        values = [v for a in latest if (v := _scores(a).get(slug)) is not None]
        medians.append((name, rules.peer_stats(values).median if values else None))
    groups: list[GroupLine] = []
    if services.expectations_of(version) is not None:
        details = {g.slug: g for g in ChallengeGroup.objects.all()}
        defined = services.challenge_groups()
        placed: dict[str, list[tuple[Assessment, rules.CityChallenge]]] = {
            g.slug: [] for g in defined
        }
        for item in latest:
            recommended = [
                rules.Recommendation(r["module"], r["priority"], r["tier"], r["reason"])
                for r in item.result.get("recommendations", [])
            ]
            found = rules.challenges(defined, _scores(item), recommended)
            if found:
                placed[found[0].group].append((item, found[0]))
        for group in defined:
            strengths = {}
            for item in latest:
                values = [v for f in group.factors if (v := _scores(item).get(f)) is not None]
                if values:
                    strengths[item.organisation.name] = sum(values, Fraction(0)) / len(values)
            head = rules.lead_city(strengths)
            groups.append(
                GroupLine(
                    group,
                    details[group.slug].description,
                    tuple(details[group.slug].workshop_topics),
                    tuple(sorted(placed[group.slug], key=lambda pair: pair[0].organisation.name)),
                    head,
                    strengths.get(head) if head else None,
                )
            )
    return Overview(
        network=network,
        version=version,
        assessed=len(latest),
        level_counts=tuple(
            (number, str(levels[number]["name"]), counts.get(number, 0))
            for number in sorted(levels)
        ),
        medians=tuple(medians),
        groups=tuple(groups),
        submitted=Assessment.objects.filter(
            network=network, version=version, status=Assessment.Status.SUBMITTED
        ).count(),
    )


# --- CSV for staff --------------------------------------------------------------------------------


def csv_export(network: Network, version: InstrumentVersion) -> str:
    """Every assessment of a version in a network: one row each, section scores to one
    decimal; demonstration data says "demonstration data" in its own last column (empty for
    a city's own assessment)."""
    sections = [s.slug for s in services.instrument_rules(version).sections]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "organisation",
            "country",
            "year",
            "version",
            "status",
            "level",
            "score",
            *sections,
            "submitted_at",
            "decided_at",
            "shared_with_peers",
            "demonstration",
        ]
    )
    for item in (
        Assessment.objects.filter(network=network, version=version)
        .select_related("organisation")
        .order_by("organisation__name", "year")
    ):
        scores = _scores(item)
        writer.writerow(
            [
                item.organisation.name,
                item.organisation.country.code if item.organisation.country else "",
                item.year,
                version.number,
                item.status,
                item.level or "",
                rules.show(_fraction(item.result.get("score"))) if item.result else "",
            ]
            + [rules.show(scores.get(slug)) if item.result else "" for slug in sections]
            + [
                item.submitted_at.isoformat() if item.submitted_at else "",
                item.decided_at.isoformat() if item.decided_at else "",
                "yes" if item.share_with_peers else "no",
                "demonstration data" if item.demo else "",
            ]
        )
    return out.getvalue()


# --- The answers as given ---------------------------------------------------------------------


def answer_text(question: rules.Question, value: Any) -> str:
    """An answer as people read it: the label chosen, the number with its unit, the text."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.type
    if kind == rules.QuestionType.YES_NO:
        yes = value is True or str(value).lower() in ("yes", "true")
        # A context of its own: elsewhere "Yes" and "No" are votes (for, against).
        return (
            pgettext("an answer to a yes-or-no question", "Yes")
            if yes
            else pgettext("an answer to a yes-or-no question", "No")
        )
    if kind == rules.QuestionType.SCALE:
        label = question.scale_labels.get(int(value), "")
        words = {"value": value, "max": question.scale_max, "label": label}
        # Translators: an answer on a scale, e.g. "3 of 5: in place in some departments"
        return (_("%(value)s of %(max)s: %(label)s") if label else _("%(value)s of %(max)s")) % (
            words
        )
    labels = {o.value: o.label for o in question.options}
    if kind == rules.QuestionType.SINGLE:
        return labels.get(str(value), str(value))
    if kind == rules.QuestionType.MULTIPLE:
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if kind == rules.QuestionType.NUMBER:
        return f"{value} {question.unit}".strip()
    return str(value)


@dataclass(frozen=True)
class SheetQuestion:
    question: rules.Question
    help: str
    answer: str  # "" when not answered
    asked: bool  # False: a follow-up its condition did not call for
    evidence: rules.EvidenceRuling
    items: tuple[EvidenceItem, ...]
    comments: tuple[ReviewComment, ...]


@dataclass(frozen=True)
class SheetSection:
    slug: str
    name: str
    questions: tuple[SheetQuestion, ...]


def answer_sheet(
    assessment: Assessment, comments: Sequence[ReviewComment] = ()
) -> list[SheetSection]:
    """Every question of the assessment with the answer as stored, its evidence (files and
    links) and the comments given (those the reader may see, chosen by the caller)."""
    instrument = services.instrument_rules(assessment.version)
    clean, _refused = rules.check_answers(instrument, assessment.answers, complete=False)
    stored = assessment.version.sections.values_list("questions__code", "questions__help")
    helps = {code: text for code, text in stored if code}
    items: dict[str, list[EvidenceItem]] = {}
    for item in assessment.evidence.all():
        items.setdefault(item.question_code, []).append(item)
    said: dict[str, list[ReviewComment]] = {}
    for comment in comments:
        said.setdefault(comment.question_code, []).append(comment)
    return [
        SheetSection(
            section.slug,
            section.name,
            tuple(
                SheetQuestion(
                    q,
                    helps.get(q.code, ""),
                    answer_text(q, assessment.answers.get(q.code)),
                    rules.is_asked(q, clean),
                    rules.evidence_for(q, clean),
                    tuple(items.get(q.code, ())),
                    tuple(said.get(q.code, ())),
                )
                for q in section.questions
            ),
        )
        for section in instrument.sections
    ]
