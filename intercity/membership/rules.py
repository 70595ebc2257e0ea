"""Membership-fee rules of the WeGO Statute 2017 (seed 002): Article 8, Annexes 1-3 and their
notes, Article 10.6 (GA host waiver), Article 19 and Supplementary Article 2.

Pure functions over plain values: exact decimals, no ORM, no clock. A quote always says
which schedule, which band and which figures it used, or exactly what is missing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.core.bounds import decimal_problem

Basis = Literal["gdp_population", "gdp", "employees"]


@dataclass(frozen=True)
class Band:
    """A half-open interval [lower, upper) of a measure; upper None means "and over"."""

    lower: Decimal
    upper: Decimal | None
    label: str
    # Set when the band is not the source's own: it says what was written for this platform.
    note: str = ""

    def holds(self, value: Decimal) -> bool:
        return value >= self.lower and (self.upper is None or value < self.upper)


@dataclass(frozen=True)
class FeeSchedule:
    """One adopted fee table. `amounts[row][column]`; a one-dimensional table has one column.

    Rows are GDP-per-capita bands (Annexes 1 and 2) or employee bands (Annex 3); the
    columns of Annex 1 are population bands in persons.
    """

    network: str
    category: str
    version: str
    effective_year: int
    annex: str
    basis: Basis
    rows: tuple[Band, ...]
    amounts: tuple[tuple[Decimal, ...], ...]
    columns: tuple[Band, ...] = ()
    currency: str = "USD"


@dataclass(frozen=True)
class Waiver:
    """A stretch of years in which a member pays nothing, with the article that grants it."""

    first_year: int
    last_year: int
    reason: str

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class NeededFigure:
    """A dated figure the fee reads and that is missing (or not a usable number): what staff
    must enter or import before the member can be invoiced. `measure` is a `Figure.Measure`
    value ("population", "gdp_per_capita") or "employees", which is kept on the organisation
    rather than as a dated figure and so cannot be imported."""

    measure: str
    year: int
    label: str


@dataclass(frozen=True)
class FeeFacts:
    """What is known of the member: dated figures by year, and its admission year."""

    category: str
    year: int
    admitted_year: int | None = None
    gdp_per_capita: dict[int, Decimal] = field(default_factory=dict)
    population: int | None = None
    population_year: int | None = None
    employees: int | None = None
    waivers: tuple[Waiver, ...] = ()
    # Figures on record that the quote would read but that are not usable numbers (stored
    # before every entry point checked them): named, so the quote refuses rather than guess.
    unusable: tuple[str, ...] = ()
    unusable_needed: tuple[NeededFigure, ...] = ()


def usable_figure(text: str, *, max_digits: int = 20, decimal_places: int = 2) -> Decimal | None:
    """A stored figure read as text, as a Decimal when it is a finite, non-negative number
    that fits its column (`Figure.value`), else None."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError, AttributeError):
        return None
    if not value.is_finite() or value < 0:
        return None
    if decimal_problem(value, max_digits, decimal_places):
        return None
    return value.quantize(Decimal(1).scaleb(-decimal_places))  # to the column's scale


@dataclass(frozen=True)
class Quote:
    year: int
    category: str
    amount: Decimal | None
    currency: str
    schedule: str | None
    band: str | None
    basis: dict[str, str]
    waived: str | None
    missing: tuple[str, ...]
    explanation: str
    # What of the band used was written for this platform rather than taken from the statute.
    written_for_platform: str | None = None
    # The figures that are missing, each with its measure and year, for the missing-figures
    # export; empty when the quote is computable or only the fee schedule is missing.
    needed: tuple[NeededFigure, ...] = ()

    @property
    def computable(self) -> bool:
        return not self.missing


def schedule_in_force(schedules: list[FeeSchedule], category: str, year: int) -> FeeSchedule | None:
    """The latest schedule for the category whose effective year is at or before `year`."""
    candidates = [s for s in schedules if s.category == category and s.effective_year <= year]
    return max(candidates, key=lambda schedule: schedule.effective_year, default=None)


def _band(bands: tuple[Band, ...], value: Decimal) -> tuple[int, Band]:
    for index, band in enumerate(bands):
        if band.holds(value):
            return index, band
    raise ValueError(_("%(value)s lies outside every band of the schedule") % {"value": value})


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def quote_fee(facts: FeeFacts, schedules: list[FeeSchedule]) -> Quote:
    """The fee a member owes for `facts.year`.

    Art. 8: payment starts the year after admission. Annex notes 1-2: GDP per capita (PPP)
    of the year before the previous year (Y-2). Art. 10.6 / Art. 19: configured waivers.
    """
    year, category = facts.year, facts.category

    def result(amount: Decimal | None, **kw: object) -> Quote:
        values: dict[str, object] = {
            "year": year,
            "category": category,
            "amount": amount,
            "currency": "USD",
            "schedule": None,
            "band": None,
            "basis": {},
            "waived": None,
            "missing": (),
            "explanation": "",
        }
        values.update(kw)
        return Quote(**values)  # type: ignore[arg-type]

    if facts.admitted_year is not None and year <= facts.admitted_year:
        reason = (
            _(
                "Admitted in %(admitted)s: fees start the following year (%(first)s) under "
                "Statute 2017 Art. 8."
            )
            % {"admitted": facts.admitted_year, "first": facts.admitted_year + 1}
            if year == facts.admitted_year
            else _("Not yet a member in %(year)s (admitted %(admitted)s).")
            % {"year": year, "admitted": facts.admitted_year}
        )
        return result(Decimal("0.00"), waived=reason, explanation=reason)

    for waiver in facts.waivers:
        if waiver.covers(year):
            return result(
                Decimal("0.00"),
                waived=waiver.reason,
                explanation=_("No fee for %(year)s: %(reason)s")
                % {"year": year, "reason": waiver.reason},
            )

    schedule = schedule_in_force(schedules, category, year)
    if schedule is None:
        message = _("No fee schedule for %(category)s members is in force in %(year)s.") % {
            "category": category,
            "year": year,
        }
        return result(None, missing=(_("fee schedule"),), explanation=message)
    if facts.unusable:
        return result(
            None,
            schedule=schedule.version,
            missing=facts.unusable,
            needed=facts.unusable_needed,
            explanation=(
                _(
                    "Cannot compute the %(year)s fee: the figures on record are not usable "
                    "numbers: %(figures)s. Correct them by importing the right values."
                )
                % {"year": year, "figures": "; ".join(facts.unusable)}
            ),
        )

    basis: dict[str, str] = {}
    missing: list[str] = []
    needed: list[NeededFigure] = []
    gdp_year = year - 2
    gdp = facts.gdp_per_capita.get(gdp_year)
    if schedule.basis in ("gdp_population", "gdp"):
        if gdp is None:
            missing.append(_("GDP per capita (PPP) for %(year)s") % {"year": gdp_year})
            needed.append(
                NeededFigure(
                    "gdp_per_capita",
                    gdp_year,
                    _(
                        "GDP per capita (PPP, USD) of %(gdp_year)s: the year Y-2 the "
                        "%(year)s fee reads (Annex note 2)"
                    )
                    % {"gdp_year": gdp_year, "year": year},
                )
            )
        else:
            basis["gdp_per_capita"] = str(gdp)
            basis["gdp_year"] = str(gdp_year)
    if schedule.basis == "gdp_population":
        if facts.population is None:
            missing.append(_("population"))
            # Any population of a year up to the invoiced one is read (the latest); the
            # export proposes the year before, the latest a city usually has.
            needed.append(
                NeededFigure(
                    "population",
                    year - 1,
                    _("population of any year up to %(year)s (none is on record)") % {"year": year},
                )
            )
        else:
            basis["population"] = str(facts.population)
            if facts.population_year:
                basis["population_year"] = str(facts.population_year)
    if schedule.basis == "employees":
        if facts.employees is None:
            missing.append(_("number of employees worldwide"))
            needed.append(
                NeededFigure(
                    "employees",
                    year,
                    _("number of employees worldwide (entered on the organisation's profile)"),
                )
            )
        else:
            basis["employees"] = str(facts.employees)
    if missing:
        return result(
            None,
            schedule=schedule.version,
            basis=basis,
            missing=tuple(missing),
            needed=tuple(needed),
            explanation=_("Cannot compute the %(year)s fee: missing %(missing)s.")
            % {"year": year, "missing": ", ".join(missing)},
        )

    platform_note = ""
    if schedule.basis == "employees":
        row, row_band = _band(schedule.rows, Decimal(facts.employees or 0))
        # Translators: a fee band of the corporate schedule; the band is the schedule's own,
        # e.g. "1-100".
        column, band_label = 0, _("%(band)s employees") % {"band": row_band.label}
    else:
        assert gdp is not None
        row, row_band = _band(schedule.rows, gdp)
        if schedule.basis == "gdp_population":
            column, column_band = _band(schedule.columns, Decimal(facts.population or 0))
            band_label = _("GDP per capita %(gdp)s, population %(population)s") % {
                "gdp": row_band.label,
                "population": column_band.label,
            }
            if column_band.note:
                platform_note = _("The population column '%(band)s' is %(note)s") % {
                    "band": column_band.label,
                    "note": column_band.note,
                }
        else:
            column, band_label = 0, _("GDP per capita %(gdp)s") % {"gdp": row_band.label}
    amount = _money(schedule.amounts[row][column])
    values = {
        "annex": schedule.annex,
        "version": schedule.version,
        "since": schedule.effective_year,
        "band": band_label,
        "amount": f"{schedule.currency} {amount:,}",
        "gdp_year": gdp_year,
    }
    if "gdp_year" in basis:
        explanation = (
            _(
                "%(annex)s (%(version)s, in force from %(since)s): %(band)s -> %(amount)s; "
                "GDP per capita of %(gdp_year)s (year Y-2, Annex note 2)."
            )
            % values
        )
    else:
        explanation = (
            _("%(annex)s (%(version)s, in force from %(since)s): %(band)s -> %(amount)s.") % values
        )
    if platform_note:
        explanation += f" {platform_note}."
    return result(
        amount,
        currency=schedule.currency,
        schedule=schedule.version,
        band=band_label,
        basis=basis,
        explanation=explanation,
        written_for_platform=platform_note or None,
    )


def schedule_from_table(network: str, table: dict[str, object]) -> FeeSchedule:
    """Build a schedule from its stored table (the YAML seed or a staff-edited row)."""

    def bands(items: object) -> tuple[Band, ...]:
        out = []
        for item in items or []:  # type: ignore[attr-defined]
            lower, upper, label = item[0], item[1], item[2]
            note = item[3] if len(item) > 3 and isinstance(item[3], str) else ""
            out.append(
                Band(
                    Decimal(str(lower)),
                    Decimal(str(upper)) if upper is not None else None,
                    label,
                    note,
                )
            )
        return tuple(out)

    rows = table["rows"]
    return FeeSchedule(
        network=network,
        category=str(table["category"]),
        version=str(table["version"]),
        effective_year=int(str(table["effective_year"])),
        annex=str(table.get("annex", "")),
        basis=table["basis"],  # type: ignore[arg-type]
        rows=bands(rows),
        columns=bands(table.get("columns")),
        amounts=tuple(tuple(Decimal(str(a)) for a in row[3]) for row in rows),  # type: ignore[attr-defined]
        currency=str(table.get("currency", "USD")),
    )


# --- Accession, suspension and withdrawal (Statute 2017 Art. 5-7) ------------------------


@dataclass(frozen=True)
class MemberState:
    """Where a membership stands on a date; all None before it exists."""

    category: str | None = None
    status: str | None = None
    since: dt.date | None = None


# The changes of a membership, each with its refusals as whole sentences (the words agree with
# the change in every language, so none is spliced into another sentence).
TOO_EARLY = {
    "admit_associate": gettext_lazy(
        "The admission as an associate member cannot take effect on %(on)s."
    ),
    "approve": gettext_lazy("The approval of the membership cannot take effect on %(on)s."),
    "suspend": gettext_lazy("The suspension of the membership cannot take effect on %(on)s."),
    "lift_suspension": gettext_lazy("The suspension cannot be lifted with effect on %(on)s."),
    "withdraw": gettext_lazy("The withdrawal cannot be recorded with effect on %(on)s."),
}
AFTER_WITHDRAWAL = {
    "admit_associate": gettext_lazy(
        "It cannot be admitted as an associate member: the member withdrew on %(since)s; a "
        "withdrawn member must apply again."
    ),
    "approve": gettext_lazy(
        "The membership cannot be approved: the member withdrew on %(since)s; a withdrawn "
        "member must apply again."
    ),
    "suspend": gettext_lazy(
        "The membership cannot be suspended: the member withdrew on %(since)s; a withdrawn "
        "member must apply again."
    ),
    "lift_suspension": gettext_lazy(
        "No suspension can be lifted: the member withdrew on %(since)s; a withdrawn member "
        "must apply again."
    ),
    "withdraw": gettext_lazy(
        "No withdrawal can be recorded: the member withdrew on %(since)s; a withdrawn member "
        "must apply again."
    ),
}
NOT_A_MEMBER = {
    "approve": gettext_lazy("The membership cannot be approved: not a member."),
    "suspend": gettext_lazy("The membership cannot be suspended: not a member."),
    "lift_suspension": gettext_lazy("No suspension can be lifted: not a member."),
    "withdraw": gettext_lazy("No withdrawal can be recorded: not a member."),
}
ACTIONS = frozenset(TOO_EARLY)


def refuse_transition(
    action: str,
    state: MemberState,
    on: dt.date,
    *,
    target_category: str | None = None,
    organisation_kind: str | None = None,
    eligible_kinds: tuple[str, ...] = (),
) -> str | None:
    """Why `action` cannot be taken on `on`, or None when it can.

    application -> associate (Art. 5.1(b)) -> approved by the Executive Committee as full,
    friendship or corporate (Art. 7.1) -> suspended (Art. 7.3) and lifted, or withdrawn
    (Art. 7.2). A withdrawn member must apply again; nothing happens twice.
    """
    if action not in ACTIONS:
        return _("Unknown action '%(action)s'.") % {"action": action}
    if state.since is not None and on <= state.since:
        # A membership has one stage a day (the registry's periods never overlap), so a new
        # stage starts on a later day than the current one.
        refusal = (
            str(TOO_EARLY[action]) % {"on": on.isoformat()}
            + " "
            + _(
                "The current stage (%(category)s member, %(status)s) began on %(since)s, and "
                "each change takes effect on a later day than the stage before it, "
                "%(earliest)s at the earliest."
            )
            % {
                "category": state.category,
                "status": state.status,
                "since": state.since.isoformat(),
                "earliest": (state.since + dt.timedelta(days=1)).isoformat(),
            }
        )
        if action == "approve" and state.category == "associate":
            refusal += " " + _(
                "An applicant is an associate member from its application until the Executive "
                "Committee approves it (Statute 2017 Art. 5.1(b)), so the approval takes effect "
                "on a later day than the associate stage began."
            )
        return refusal
    if state.status == "withdrawn":
        return str(AFTER_WITHDRAWAL[action]) % {"since": state.since}
    if action == "admit_associate":
        if state.status is not None:
            return _("Already a member (%(category)s, %(status)s).") % {
                "category": state.category,
                "status": state.status,
            }
        return None
    if state.status is None:
        return str(NOT_A_MEMBER[action])
    if action == "approve":
        if state.category != "associate":
            return _("Already approved as %(category)s member.") % {"category": state.category}
        if state.status != "active":
            return _("A membership that is %(status)s cannot be approved.") % {
                "status": state.status
            }
        if not target_category or target_category == "associate":
            return _("Say which category the membership is approved in.")
        if eligible_kinds and organisation_kind not in eligible_kinds:
            return _(
                "A %(kind)s cannot be a %(category)s member; that category is for: %(kinds)s."
            ) % {
                "kind": organisation_kind,
                "category": target_category,
                "kinds": ", ".join(eligible_kinds),
            }
        return None
    if action == "suspend":
        return _("Already suspended.") if state.status == "suspended" else None
    if action == "lift_suspension":
        return None if state.status == "suspended" else _("The membership is not suspended.")
    # withdraw
    return None


# --- Invoices and arrears --------------------------------------------------------------


def approval_too_early(applied_on: dt.date, approved_on: dt.date) -> str | None:
    """Why an approval dated `approved_on` cannot follow an application received `applied_on`,
    or None. An applicant is an associate member from its application until the Executive
    Committee approves it (Statute 2017 Art. 5.1(b)); each stage lasts at least a day, so the
    approval takes effect the day after the application at the earliest."""
    if approved_on > applied_on:
        return None
    return _(
        "The approval cannot take effect on %(approved)s: the application was received on "
        "%(applied)s, and an applicant is an associate member from its application until the "
        "Executive Committee approves it (Statute 2017 Art. 5.1(b)), one stage a day. Give "
        "the date of the decision, %(earliest)s or later."
    ) % {
        "approved": date_format(approved_on, "DATE_FORMAT"),
        "applied": date_format(applied_on, "DATE_FORMAT"),
        "earliest": date_format(applied_on + dt.timedelta(days=1), "DATE_FORMAT"),
    }


def applied_amount(amount: Decimal, exchange_rate: Decimal) -> Decimal:
    """A payment in another currency, in the invoice's currency, to the cent (half up).

    `exchange_rate` is how many units of the paid currency make one invoice unit
    (e.g. 1,100 KRW to the USD, the rate seed 003 uses)."""
    if amount <= 0:
        raise ValueError(_("A payment is a positive amount."))
    if exchange_rate <= 0:
        raise ValueError(_("An exchange rate is a positive number."))
    return (amount / exchange_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


AGE_BUCKETS = ("0-1 years", "1-2 years", "2+ years")
# Days past the due date at which an unpaid fee moves to the next bucket.
AGEING_LIMITS_DAYS = (365, 730)


def age_bucket(due_on: dt.date, today: dt.date) -> str | None:
    """The ageing bucket of an unpaid invoice, by time past its due date; None if not due."""
    if due_on >= today:
        return None
    days = (today - due_on).days
    for bucket, limit in zip(AGE_BUCKETS, AGEING_LIMITS_DAYS, strict=False):
        if days <= limit:
            return bucket
    return AGE_BUCKETS[-1]


def check_schedule(schedule: FeeSchedule) -> str | None:
    """Why a fee table cannot be adopted, or None: bands must start at 0, follow each other
    without gaps or overlaps and end open; each row needs an amount per column."""
    for name, bands in (("row", schedule.rows), ("column", schedule.columns)):
        if name == "column" and schedule.basis != "gdp_population":
            if bands:
                return _("Only a GDP-per-capita by population table has columns.")
            continue
        rows = name == "row"
        if not bands:
            return _("The table has no rows.") if rows else _("The table has no columns.")
        if bands[0].lower != 0:
            return (
                _("The first row band must start at 0, not %(lower)s.")
                if rows
                else _("The first column band must start at 0, not %(lower)s.")
            ) % {"lower": bands[0].lower}
        for before, after in itertools.pairwise(bands):
            if before.upper != after.lower:
                return (
                    _("The row bands '%(before)s' and '%(after)s' do not meet.")
                    if rows
                    else _("The column bands '%(before)s' and '%(after)s' do not meet.")
                ) % {"before": before.label, "after": after.label}
        if bands[-1].upper is not None:
            return (
                _("The last row band must be open-ended ('and over').")
                if rows
                else _("The last column band must be open-ended ('and over').")
            )
    width = len(schedule.columns) or 1
    for band, amounts in zip(schedule.rows, schedule.amounts, strict=True):
        if len(amounts) != width:
            return _("Row '%(band)s' has %(amounts)s amounts; the table has %(width)s columns.") % {
                "band": band.label,
                "amounts": len(amounts),
                "width": width,
            }
        if any(a < 0 for a in amounts if a.is_finite()):
            return _("Row '%(band)s' has a negative amount.") % {"band": band.label}
        for amount in amounts:
            # An amount becomes an invoice: it must fit the money column (14 digits, cents).
            problem = decimal_problem(amount, 14, 2)
            if problem:
                return _("Row '%(band)s': the amount %(amount)s %(problem)s") % {
                    "band": band.label,
                    "amount": amount,
                    "problem": problem,
                }
    for band in (*schedule.rows, *schedule.columns):
        for bound in (band.lower, band.upper):
            if bound is not None and not bound.is_finite():
                return _("The band '%(band)s' has a bound that is not a finite number.") % {
                    "band": band.label
                }
    return None


# --- The financial report's projection (seed 003) ----------------------------------------

WINDOW = 5
"""Complete years averaged for a projection (003: "five years collection average")."""

CENT = Decimal("0.01")


def money_text(amount: Decimal) -> str:
    """1234.5 -> '1,234.50'; an amount finer than a cent keeps all its digits."""
    if amount == amount.quantize(CENT):
        return f"{amount:,.2f}"
    return f"{amount:,}"


@dataclass(frozen=True)
class Projection:
    """The collection projected for `year`, or why it cannot be projected."""

    year: int
    amount: Decimal | None
    years: tuple[int, ...]
    amounts: tuple[Decimal, ...]
    skipped: tuple[int, ...]
    explanation: str

    @property
    def possible(self) -> bool:
        return self.amount is not None

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))

    @property
    def divisor(self) -> int:
        return len(self.amounts)

    @property
    def years_and_amounts(self) -> list[tuple[int, Decimal]]:
        return list(zip(self.years, self.amounts, strict=True))

    @property
    def arithmetic(self) -> str:
        """'(a + b + c + d + e) / 5 = sum / 5 = average', or '' when not possible."""
        if self.amount is None:
            return ""
        terms = " + ".join(money_text(a) for a in self.amounts)
        return (
            f"({terms}) / {self.divisor} = {money_text(self.total)} / {self.divisor}"
            f" = {money_text(self.amount)}"
        )


def project_collection(collections: Sequence[tuple[int, Decimal, bool]], year: int) -> Projection:
    """Average of the last five complete years before `year`, from (year, amount, complete).

    A year still in progress is left out, so its part-year figure cannot pull the average
    down: 003 projects 2018 from 2012-2016 while 2017 is "in progress".
    """
    years = [y for y, _, _ in collections]
    if len(years) != len(set(years)):
        raise ValueError("Each year may appear only once.")
    before = sorted((row for row in collections if row[0] < year), key=lambda row: row[0])
    complete = [(y, amount) for y, amount, done in before if done]
    skipped = tuple(y for y, _, done in before if not done)
    used = complete[-WINDOW:]
    skipped_text = (
        " "
        + _("Left out as still in progress: %(years)s.") % {"years": ", ".join(map(str, skipped))}
        if skipped
        else ""
    )
    if len(used) < WINDOW:
        listed = ", ".join(str(y) for y, _a in used)
        values = {"year": year, "count": len(used), "listed": listed, "window": WINDOW}
        return Projection(
            year=year,
            amount=None,
            years=tuple(y for y, _ in used),
            amounts=tuple(a for _, a in used),
            skipped=skipped,
            explanation=(
                (
                    ngettext(
                        "Cannot project %(year)s: only %(count)s complete year before it "
                        "(%(listed)s); the average needs %(window)s.",
                        "Cannot project %(year)s: only %(count)s complete years before it "
                        "(%(listed)s); the average needs %(window)s.",
                        len(used),
                    )
                    if used
                    else _(
                        "Cannot project %(year)s: only %(count)s complete years before it; "
                        "the average needs %(window)s."
                    )
                )
                % values
                + skipped_text
            ),
        )
    amounts = tuple(a for _, a in used)
    with decimal.localcontext() as exact:
        # Dividing by five always terminates; the trap proves no digit is ever dropped.
        exact.traps[decimal.Inexact] = True
        exact.traps[decimal.Rounded] = True
        average = sum(amounts, Decimal(0)) / WINDOW
    first, last = used[0][0], used[-1][0]
    return Projection(
        year=year,
        amount=average,
        years=tuple(y for y, _ in used),
        amounts=amounts,
        skipped=skipped,
        explanation=(
            _(
                "Average of the fees collected in the %(window)s complete years before %(year)s "
                "(%(first)s-%(last)s): %(total)s / %(window)s = %(average)s."
            )
            % {
                "window": WINDOW,
                "year": year,
                "first": first,
                "last": last,
                "total": money_text(sum(amounts, Decimal(0))),
                "average": money_text(average),
            }
            + skipped_text
        ),
    )


def cents(value: object) -> Decimal:
    """An amount from a seed file, to the cent; refuses one that would need rounding."""
    amount = Decimal(str(value))
    exact = amount.quantize(CENT)
    if exact != amount:
        raise ValueError(f"{value} is finer than a cent")
    return exact


def optional_cents(value: object) -> Decimal | None:
    return None if value is None else cents(value)
