"""Fee schedules, the dated figures the fee reads (and their CSV import), and fee quotes
(Statute 2017 Art. 8, Annexes 1-3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import (
    Q,
    TextField,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.bounds import check_decimal, check_year
from intercity.core.errors import DomainError
from intercity.membership import rules
from intercity.membership.models import (
    FeeSchedule,
    Figure,
    Waiver,
)
from intercity.membership.services.common import (
    ZERO,
    known_category,
    require_secretariat,
)
from intercity.network import services as registry
from intercity.network.models import (
    Network,
    Organisation,
)

# --- Fee schedules, figures, quotes ----------------------------------------------------


def schedules_for(network: Network) -> list[rules.FeeSchedule]:
    return [
        rules.schedule_from_table(
            network.slug,
            {
                **s.table,
                "category": s.category,
                "version": s.version,
                "effective_year": s.effective_year,
                "annex": s.annex,
                "basis": s.basis,
                "currency": s.currency,
            },
        )
        for s in FeeSchedule.objects.filter(network=network)
    ]


def add_fee_schedule(
    actor: Any,
    network: Network,
    *,
    category: str,
    version: str,
    effective_year: int,
    basis: str,
    table: dict[str, Any],
    annex: str = "",
    source: str = "",
) -> FeeSchedule:
    """A new version of a fee table, in force from `effective_year`; older years keep theirs."""
    require_secretariat(actor)
    known_category(network, category)
    check_year(effective_year, "effective_year")
    try:
        parsed = rules.schedule_from_table(
            network.slug,
            {
                **table,
                "category": category,
                "version": version,
                "effective_year": effective_year,
                "basis": basis,
            },
        )
    except (KeyError, IndexError, TypeError, ValueError, InvalidOperation) as exc:
        raise DomainError(_("The fee table cannot be read: %(error)s") % {"error": exc}) from exc
    problem = rules.check_schedule(parsed)
    if problem:
        raise DomainError(problem)
    try:
        with transaction.atomic():
            schedule = FeeSchedule.objects.create(
                network=network,
                category=category,
                version=version,
                effective_year=effective_year,
                annex=annex,
                basis=basis,
                table=table,
                source=source,
                created_by=actor,
            )
            audit.record(
                actor,
                "add_fee_schedule",
                schedule,
                after={
                    "category": category,
                    "version": version,
                    "effective_year": effective_year,
                },
            )
    except IntegrityError:
        raise DomainError(
            _(
                "A %(category)s schedule already takes effect in %(year)s; "
                "schedules are never edited: choose another year."
            )
            % {"category": category, "year": effective_year}
        ) from None
    return schedule


class FeeRecords:
    """Everything the fee rule reads about a set of members, loaded in a fixed number of
    queries: figures (own and national), waivers and admission years."""

    def __init__(self, network: Network, organisations: list[Organisation]) -> None:
        ids = [o.pk for o in organisations]
        countries = {str(o.country) for o in organisations if o.country}
        # A figure's value is read as text and checked by the rule: a row stored before every
        # entry point bounded it (1e30 in SQLite) would otherwise fail Django's conversion.
        self.own: dict[tuple[str, int], dict[int, Decimal | str]] = defaultdict(dict)
        self.national: dict[tuple[str, str], dict[int, Decimal | str]] = defaultdict(dict)
        figures = Figure.objects.filter(
            Q(organisation_id__in=ids) | Q(organisation__isnull=True, country__in=countries)
        ).values_list("measure", "organisation_id", "country", "year", Cast("value", TextField()))
        for measure, owner, country, year, text in figures:
            owner_id = cast("int | None", owner)  # NULL for a national figure
            value = rules.usable_figure(str(text))
            kept: Decimal | str = value if value is not None else str(text)
            if owner_id is None:
                self.national[(measure, str(country))][year] = kept
            else:
                self.own[(measure, owner_id)][year] = kept
        self.waivers: dict[int, list[rules.Waiver]] = defaultdict(list)
        for waiver in Waiver.objects.filter(network=network, organisation_id__in=ids):
            self.waivers[waiver.organisation_id].append(
                rules.Waiver(waiver.first_year, waiver.last_year, waiver.reason)
            )
        # Art. 8: a member pays from the year after its admission to a fee-paying category.
        self.admitted: dict[int, int] = {
            organisation_id: first.year
            for organisation_id, first in registry.billable_since(network, ids).items()
        }

    def figures(self, organisation: Organisation, measure: str) -> dict[int, Decimal | str]:
        """The organisation's own figures by year, over its country's where it has none; a
        value that is not a usable number is kept as its text."""
        national = self.national.get((measure, str(organisation.country)), {})
        return {**national, **self.own.get((measure, organisation.pk), {})}

    def facts(self, organisation: Organisation, year: int, category: str) -> rules.FeeFacts:
        unusable: list[str] = []
        needed: list[rules.NeededFigure] = []
        populations = self.figures(organisation, Figure.Measure.POPULATION)
        known = [y for y in populations if y <= year]
        population, population_year = organisation.population, organisation.population_year
        if known:
            population_year = max(known)
            found = populations[population_year]
            if isinstance(found, Decimal):
                population = int(found)
            else:
                population = None
                unusable.append(
                    _("population %(year)s is %(value)s")
                    % {"year": population_year, "value": found}
                )
                needed.append(
                    rules.NeededFigure(
                        Figure.Measure.POPULATION.value,
                        population_year,
                        _("population of %(year)s (on record as '%(value)s')")
                        % {"year": population_year, "value": found},
                    )
                )
        gdp: dict[int, Decimal] = {}
        for gdp_year, value in self.figures(organisation, Figure.Measure.GDP_PER_CAPITA).items():
            if isinstance(value, Decimal):
                gdp[gdp_year] = value
            elif gdp_year == year - 2:  # the one year the fee reads (Annex note 2)
                unusable.append(
                    _("GDP per capita %(year)s is %(value)s") % {"year": gdp_year, "value": value}
                )
                needed.append(
                    rules.NeededFigure(
                        Figure.Measure.GDP_PER_CAPITA.value,
                        gdp_year,
                        _("GDP per capita (PPP, USD) of %(year)s (on record as '%(value)s')")
                        % {"year": gdp_year, "value": value},
                    )
                )
        return rules.FeeFacts(
            category=category,
            year=year,
            admitted_year=self.admitted.get(organisation.pk),
            gdp_per_capita=gdp,
            population=population,
            population_year=population_year,
            employees=organisation.employees,
            waivers=tuple(self.waivers.get(organisation.pk, [])),
            unusable=tuple(unusable),
            unusable_needed=tuple(needed),
        )


def fee_facts(
    network: Network, organisation: Organisation, year: int, category: str
) -> rules.FeeFacts:
    return FeeRecords(network, [organisation]).facts(organisation, year, category)


def quote_for_member(network: Network, organisation: Organisation, year: int) -> rules.Quote:
    period = registry.period_on(
        network, organisation, dt.date(year, 1, 1)
    ) or registry.current_period(network, organisation)
    if period is None:
        raise DomainError(
            _("%(organisation)s is not a member of %(network)s.")
            % {"organisation": organisation, "network": network}
        )
    category = period.category.slug
    if not period.category.billable:
        waived = _("No fee is due in the category %(category)s.") % {
            "category": period.category.name
        }
        return rules.Quote(
            year=year,
            category=category,
            amount=ZERO,
            currency="USD",
            schedule=None,
            band=None,
            basis={},
            waived=waived,
            missing=(),
            explanation=waived,
        )
    return rules.quote_fee(fee_facts(network, organisation, year, category), schedules_for(network))


def quote_hypothetical(
    network: Network,
    *,
    category: str,
    year: int,
    population: int | None = None,
    gdp_per_capita: Decimal | None = None,
    employees: int | None = None,
) -> rules.Quote:
    """What a member with these figures would pay: the "what if" of the quote API."""
    known_category(network, category)
    facts = rules.FeeFacts(
        category=category,
        year=year,
        population=population,
        employees=employees,
        gdp_per_capita={year - 2: gdp_per_capita} if gdp_per_capita is not None else {},
    )
    return rules.quote_fee(facts, schedules_for(network))


FIGURE_DIGITS, FIGURE_PLACES = 20, 2  # Figure.value's column
# The columns the figures import reads, in the order of the template it offers.
FIGURE_COLUMNS = ["measure", "organisation", "country", "year", "value", "source"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    # Rows of the missing-figures export left without a value: not an error, nothing to save.
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def figures_template() -> str:
    """The CSV the import expects: its header and one example row of each kind."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    writer.writerow(["population", "seoul", "", "2025", "9386034", "Seoul Statistics 2025"])
    writer.writerow(["gdp_per_capita", "", "KR", "2024", "60000.00", "IMF WEO April 2025"])
    return out.getvalue()


def _problem(row_number: int, column: str, message: str) -> str:
    # Translators: an error in an uploaded CSV file; the column is the file's own heading.
    return _("Row %(row)s, column '%(column)s': %(message)s") % {
        "row": row_number,
        "column": column,
        "message": message,
    }


def import_figures(actor: Any, text: str) -> ImportReport:
    """Import dated figures from CSV (columns: measure, organisation key or country code,
    year, value, source; other columns, such as the member's name in the missing-figures
    export, are ignored). A row whose value and source are both empty is skipped, so the
    export can be imported back partly filled in. Every row is checked first; one bad row
    and nothing is saved. Each error names its row (as a spreadsheet numbers it, the header
    being row 1) and its column."""
    require_secretariat(actor)
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in FIGURE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError(
            _(
                "The CSV lacks the column(s): %(missing)s. Its first row must name the "
                "columns %(columns)s; download the template to start from."
            )
            % {"missing": ", ".join(missing), "columns": ", ".join(FIGURE_COLUMNS)}
        )
    organisations = registry.organisations_by_key()
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2):
        cells = {column: (row.get(column) or "").strip() for column in FIGURE_COLUMNS}
        if not cells["value"] and not cells["source"]:
            report.skipped += 1
            continue
        measure = cells["measure"]
        if measure not in Figure.Measure.values:
            report.errors.append(
                _problem(
                    number,
                    "measure",
                    _("'%(measure)s' is not a measure; use one of: %(measures)s.")
                    % {"measure": measure, "measures": ", ".join(Figure.Measure.values)},
                )
            )
            continue
        key, country = cells["organisation"], cells["country"].upper()
        if bool(key) == bool(country):
            report.errors.append(
                _problem(
                    number,
                    "organisation",
                    _(
                        "give an organisation key or a country code (column 'country'), "
                        "one of the two."
                    ),
                )
            )
            continue
        if key and key not in organisations:
            report.errors.append(
                _problem(
                    number,
                    "organisation",
                    _("no organisation has the key '%(key)s'.") % {"key": key},
                )
            )
            continue
        try:
            year = int(cells["year"])
            check_year(year)
        except (TypeError, ValueError):
            report.errors.append(
                _problem(
                    number,
                    "year",
                    _("'%(value)s' is not a year such as 2024.") % {"value": cells["year"]},
                )
            )
            continue
        except DomainError as exc:
            report.errors.append(_problem(number, "year", exc.message))
            continue
        try:
            value = check_decimal(
                Decimal(cells["value"].replace(",", "")),
                "value",
                max_digits=FIGURE_DIGITS,
                decimal_places=FIGURE_PLACES,
                minimum=ZERO,
            )
        except (ValueError, InvalidOperation):
            report.errors.append(
                _problem(
                    number, "value", _("'%(value)s' is not a number.") % {"value": cells["value"]}
                )
            )
            continue
        except DomainError as exc:
            report.errors.append(_problem(number, "value", exc.message))
            continue
        if not cells["source"]:
            report.errors.append(_problem(number, "source", _("every figure needs a source.")))
            continue
        rows.append(
            {
                "measure": measure,
                "organisation": organisations.get(key),
                "country": country,
                "year": year,
                "value": value,
                "source": cells["source"],
            }
        )
    if report.errors:
        return report
    with transaction.atomic():
        for item in rows:
            figure, created = Figure.objects.update_or_create(
                measure=item["measure"],
                organisation=item["organisation"],
                country=item["country"],
                year=item["year"],
                defaults={"value": item["value"], "source": item["source"], "recorded_by": actor},
            )
            report.created += created
            report.updated += not created
        if rows:
            audit.record(
                actor,
                "import_figures",
                figure,
                after={"created": report.created, "updated": report.updated},
            )
    return report
