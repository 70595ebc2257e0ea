"""Membership-fee rules of the WeGO Statute 2017 (seed 002): Article 8, Annexes 1-3 and their
notes, Article 10.6 (GA host waiver), Article 19 and Supplementary Article 2.

Pure functions over plain values: exact decimals, no ORM, no clock. A quote always says
which schedule, which band and which figures it used, or exactly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Basis = Literal["gdp_population", "gdp", "employees"]


@dataclass(frozen=True)
class Band:
    """A half-open interval [lower, upper) of a measure; upper None means "and over"."""

    lower: Decimal
    upper: Decimal | None
    label: str

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

    @property
    def computable(self) -> bool:
        return not self.missing


def schedule_in_force(schedules: list[FeeSchedule], category: str, year: int) -> FeeSchedule | None:
    """The latest schedule for the category whose effective year is at or before `year`."""
    candidates = [s for s in schedules if s.category == category and s.effective_year <= year]
    return max(candidates, key=lambda s: s.effective_year, default=None)


def _band(bands: tuple[Band, ...], value: Decimal) -> tuple[int, Band]:
    for index, band in enumerate(bands):
        if band.holds(value):
            return index, band
    raise ValueError(f"{value} lies outside every band of the schedule")


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
            f"Admitted in {facts.admitted_year}: fees start the following year "
            f"({facts.admitted_year + 1}) under Statute 2017 Art. 8."
            if year == facts.admitted_year
            else f"Not yet a member in {year} (admitted {facts.admitted_year})."
        )
        return result(Decimal("0.00"), waived=reason, explanation=reason)

    for waiver in facts.waivers:
        if waiver.covers(year):
            return result(
                Decimal("0.00"),
                waived=waiver.reason,
                explanation=f"No fee for {year}: {waiver.reason}",
            )

    schedule = schedule_in_force(schedules, category, year)
    if schedule is None:
        message = f"No fee schedule for {category} members is in force in {year}."
        return result(None, missing=("fee schedule",), explanation=message)

    basis: dict[str, str] = {}
    missing: list[str] = []
    gdp_year = year - 2
    gdp = facts.gdp_per_capita.get(gdp_year)
    if schedule.basis in ("gdp_population", "gdp"):
        if gdp is None:
            missing.append(f"GDP per capita (PPP) for {gdp_year}")
        else:
            basis["gdp_per_capita"] = str(gdp)
            basis["gdp_year"] = str(gdp_year)
    if schedule.basis == "gdp_population":
        if facts.population is None:
            missing.append("population")
        else:
            basis["population"] = str(facts.population)
            if facts.population_year:
                basis["population_year"] = str(facts.population_year)
    if schedule.basis == "employees":
        if facts.employees is None:
            missing.append("number of employees worldwide")
        else:
            basis["employees"] = str(facts.employees)
    if missing:
        return result(
            None,
            schedule=schedule.version,
            basis=basis,
            missing=tuple(missing),
            explanation=f"Cannot compute the {year} fee: missing {', '.join(missing)}.",
        )

    if schedule.basis == "employees":
        row, row_band = _band(schedule.rows, Decimal(facts.employees or 0))
        column, band_label = 0, f"{row_band.label} employees"
    else:
        assert gdp is not None
        row, row_band = _band(schedule.rows, gdp)
        if schedule.basis == "gdp_population":
            column, column_band = _band(schedule.columns, Decimal(facts.population or 0))
            band_label = f"GDP per capita {row_band.label}, population {column_band.label}"
        else:
            column, band_label = 0, f"GDP per capita {row_band.label}"
    amount = _money(schedule.amounts[row][column])
    explanation = (
        f"{schedule.annex} ({schedule.version}, in force from {schedule.effective_year}): "
        f"{band_label} -> {schedule.currency} {amount:,}"
    )
    if "gdp_year" in basis:
        explanation += f"; GDP per capita of {gdp_year} (year Y-2, Annex note 2)"
    return result(
        amount,
        currency=schedule.currency,
        schedule=schedule.version,
        band=band_label,
        basis=basis,
        explanation=explanation + ".",
    )


def schedule_from_table(network: str, table: dict[str, object]) -> FeeSchedule:
    """Build a schedule from its stored table (the YAML seed or a staff-edited row)."""

    def bands(items: object) -> tuple[Band, ...]:
        out = []
        for item in items or []:  # type: ignore[attr-defined]
            lower, upper, label = item[0], item[1], item[2]
            out.append(
                Band(Decimal(str(lower)), Decimal(str(upper)) if upper is not None else None, label)
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
