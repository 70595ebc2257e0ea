"""Named actions of membership and dues. Each validates, calls the rules, saves in one
transaction and writes one audit event; pages, the API, the admin and commands call these."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from intercity.accounts import permissions
from intercity.accounts.models import Role
from intercity.core import audit
from intercity.core.bounds import check_date, check_decimal, check_year
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.membership import rules
from intercity.membership.models import (
    Application,
    CreditNote,
    Currency,
    FeeSchedule,
    Figure,
    Invoice,
    NumberCounter,
    Payment,
    Reminder,
    Waiver,
)
from intercity.network import services as registry
from intercity.network.models import (
    Membership,
    MembershipCategory,
    MembershipPeriod,
    MembershipStatus,
    Network,
    Organisation,
)

ZERO = Decimal("0.00")
MONEY_FIELD: DecimalField[Any, Any] = DecimalField(max_digits=14, decimal_places=2)


def require_secretariat(actor: Any) -> None:
    if not permissions.is_secretariat(actor):
        raise PermissionDenied("Only Secretariat staff may do this.")


def can_view_account(actor: Any, organisation: Organisation) -> bool:
    """A member's account is seen by the Secretariat and by that member's own officers."""
    return permissions.can_edit_organisation(actor, organisation.pk)


# --- Accession, suspension, withdrawal -------------------------------------------------


def member_state(network: Network, organisation: Organisation) -> rules.MemberState:
    period = registry.current_period(network, organisation)
    if period is None:
        return rules.MemberState()
    return rules.MemberState(period.category.slug, period.status, period.valid_from)


def _category(network: Network, slug: str) -> MembershipCategory:
    try:
        return network.categories.get(slug=slug)
    except MembershipCategory.DoesNotExist:
        known = ", ".join(network.categories.values_list("slug", flat=True))
        raise DomainError(f"Unknown category '{slug}' in {network}; known: {known}.") from None


def _transition(
    actor: Any,
    network: Network,
    organisation: Organisation,
    action: str,
    on: dt.date,
    *,
    category: str | None = None,
    status: str,
    decision_reference: str,
    reason: str = "",
) -> MembershipPeriod:
    require_secretariat(actor)
    check_date(on, "on")
    target = _category(network, category) if category else None
    with transaction.atomic():
        # The state is read under a lock on the organisation's membership, so two changes
        # sent together are judged one after the other, each on what the other left.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        Membership.objects.select_for_update().filter(
            network=network, organisation=organisation
        ).first()
        state = member_state(network, organisation)
        refusal = rules.refuse_transition(
            action,
            state,
            on,
            target_category=target.slug if target else None,
            organisation_kind=organisation.kind,
            eligible_kinds=tuple(target.eligible_kinds) if target else (),
        )
        if refusal:
            raise DomainError(f"{organisation}: {refusal}")
        return registry.change_membership(
            actor,
            network,
            organisation,
            registry.MembershipChange(
                category=target.slug if target else (state.category or ""),
                status=status,
                valid_from=on,
                decision_reference=decision_reference,
                source=reason,
            ),
        )


def approve_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    category: str,
    on: dt.date,
    decision_reference: str,
) -> MembershipPeriod:
    """An Executive Committee decision approves an associate as a full, friendship or
    corporate member (Statute 2017 Art. 7.1, 12.2(a))."""
    if not decision_reference.strip():
        raise DomainError("Name the Executive Committee decision that approved the membership.")
    return _transition(
        actor,
        network,
        organisation,
        "approve",
        on,
        category=category,
        status=MembershipStatus.ACTIVE,
        decision_reference=decision_reference,
    )


def suspend_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    on: dt.date,
    decision_reference: str,
    reason: str,
) -> MembershipPeriod:
    """Art. 7.3: arrears or absence from the General Assembly without reasonable cause.
    A suspended member keeps its category but has no vote and no benefits until lifted."""
    if not reason.strip():
        raise DomainError("Give the reason for the suspension (Statute 2017 Art. 7.3).")
    return _transition(
        actor,
        network,
        organisation,
        "suspend",
        on,
        status=MembershipStatus.SUSPENDED,
        decision_reference=decision_reference,
        reason=reason,
    )


def lift_suspension(
    actor: Any, network: Network, organisation: Organisation, on: dt.date, decision_reference: str
) -> MembershipPeriod:
    return _transition(
        actor,
        network,
        organisation,
        "lift_suspension",
        on,
        status=MembershipStatus.ACTIVE,
        decision_reference=decision_reference,
    )


def withdraw_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    announced_on: dt.date,
    decision_reference: str = "",
) -> MembershipPeriod:
    """Art. 7.2: a withdrawal takes effect on the date the President announces it to the
    Executive Committee. Fees already paid are not refunded (Art. 9)."""
    return _transition(
        actor,
        network,
        organisation,
        "withdraw",
        announced_on,
        status=MembershipStatus.WITHDRAWN,
        decision_reference=decision_reference
        or f"Withdrawal announced by the President to the Executive Committee on {announced_on}",
    )


# --- Applications ------------------------------------------------------------------------


APPLICATION_FIELDS = [
    "organisation_name",
    "kind",
    "country",
    "requested_category",
    "contact_name",
    "contact_email",
    "contact_title",
    "website",
    "population",
    "employees",
    "motivation",
]


def submit_application(network: Network, data: dict[str, Any]) -> Application:
    """A city, agency or company asks to join (Art. 7.1). Anyone may submit."""
    category = _category(network, data.get("requested_category", ""))
    if category.slug == "associate":
        raise DomainError("Ask for the category you wish to hold; associate is the waiting stage.")
    if category.eligible_kinds and data.get("kind") not in category.eligible_kinds:
        raise DomainError(
            f"The {category.name} category is for: {', '.join(category.eligible_kinds)}."
        )
    with transaction.atomic():
        values = {k: data.get(k) for k in APPLICATION_FIELDS}
        for optional_text in ("contact_title", "website"):
            values[optional_text] = values[optional_text] or ""
        application = Application(network=network, **values)
        full_clean_or_refuse(application)
        application.save()
        audit.record(
            None,
            "submit_application",
            application,
            after={
                "organisation_name": application.organisation_name,
                "requested_category": application.requested_category,
            },
        )
    return application


def _undecided(application: Application) -> Application:
    """The application re-read under a lock, refused when it was decided meanwhile."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.RECEIVED:
        raise DomainError(f"This application was already {locked.get_status_display().lower()}.")
    return locked


def accept_application(
    actor: Any, application: Application, on: dt.date, decision_reference: str = ""
) -> Organisation:
    """The Secretariat records the applicant as an associate member from `on`."""
    require_secretariat(actor)
    check_date(on, "on")
    with transaction.atomic():
        application = _undecided(application)
        organisation = application.organisation or registry.register_organisation(
            actor,
            name=application.organisation_name,
            kind=application.kind,
            country=str(application.country),
            website=application.website,
            population=application.population,
            employees=application.employees,
        )
        registry.change_membership(
            actor,
            application.network,
            organisation,
            registry.MembershipChange(
                category="associate",
                status=MembershipStatus.ACTIVE,
                valid_from=on,
                decision_reference=decision_reference
                or f"Application no. {application.pk} accepted",
                source=f"Application no. {application.pk}",
            ),
        )
        application.status = Application.Status.ACCEPTED
        application.organisation = organisation
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save()
        audit.record(
            actor, "accept_application", application, after={"organisation": organisation.pk}
        )
    return organisation


def reject_application(actor: Any, application: Application, note: str) -> Application:
    require_secretariat(actor)
    if not note.strip():
        raise DomainError("Say why the application is rejected; the applicant will be told.")
    with transaction.atomic():
        application = _undecided(application)
        application.status = Application.Status.REJECTED
        application.decision_note = note
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save()
        audit.record(actor, "reject_application", application, after={"note": note})
    return application


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
    _category(network, category)
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
        raise DomainError(f"The fee table cannot be read: {exc}") from exc
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
            f"A {category} schedule already takes effect in {effective_year}; "
            "schedules are never edited: choose another year."
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
            for organisation_id, first in MembershipPeriod.objects.filter(
                membership__network=network,
                membership__organisation_id__in=ids,
                category__billable=True,
            )
            .values("membership__organisation_id")
            .annotate(first=Min("valid_from"))
            .values_list("membership__organisation_id", "first")
        }

    def figures(self, organisation: Organisation, measure: str) -> dict[int, Decimal | str]:
        """The organisation's own figures by year, over its country's where it has none; a
        value that is not a usable number is kept as its text."""
        national = self.national.get((measure, str(organisation.country)), {})
        return {**national, **self.own.get((measure, organisation.pk), {})}

    def facts(self, organisation: Organisation, year: int, category: str) -> rules.FeeFacts:
        unusable: list[str] = []
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
                unusable.append(f"population {population_year} is {found}")
        gdp: dict[int, Decimal] = {}
        for gdp_year, value in self.figures(organisation, Figure.Measure.GDP_PER_CAPITA).items():
            if isinstance(value, Decimal):
                gdp[gdp_year] = value
            elif gdp_year == year - 2:  # the one year the fee reads (Annex note 2)
                unusable.append(f"GDP per capita {gdp_year} is {value}")
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
        raise DomainError(f"{organisation} is not a member of {network}.")
    category = period.category.slug
    if not period.category.billable:
        return rules.Quote(
            year=year,
            category=category,
            amount=ZERO,
            currency="USD",
            schedule=None,
            band=None,
            basis={},
            waived=f"{period.category.name}s pay no fee.",
            missing=(),
            explanation=f"{period.category.name}s pay no fee.",
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
    _category(network, category)
    facts = rules.FeeFacts(
        category=category,
        year=year,
        population=population,
        employees=employees,
        gdp_per_capita={year - 2: gdp_per_capita} if gdp_per_capita is not None else {},
    )
    return rules.quote_fee(facts, schedules_for(network))


FIGURE_DIGITS, FIGURE_PLACES = 20, 2  # Figure.value's column
FIGURE_COLUMNS = ["measure", "organisation", "country", "year", "value", "source"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def import_figures(actor: Any, text: str) -> ImportReport:
    """Import dated figures from CSV (columns: measure, organisation key or country code,
    year, value, source). Every row is checked first; one bad row and nothing is saved."""
    require_secretariat(actor)
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in FIGURE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError(f"The CSV lacks the column(s): {', '.join(missing)}.")
    organisations = {o.key: o for o in Organisation.objects.all()}
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2):
        where = f"line {number}"
        measure = (row["measure"] or "").strip()
        if measure not in Figure.Measure.values:
            report.errors.append(f"{where}: unknown measure '{measure}'.")
            continue
        key, country = (row["organisation"] or "").strip(), (row["country"] or "").strip().upper()
        if bool(key) == bool(country):
            report.errors.append(f"{where}: give an organisation key or a country code, not both.")
            continue
        if key and key not in organisations:
            report.errors.append(f"{where}: no organisation with key '{key}'.")
            continue
        try:
            year = int(row["year"])
            value = Decimal((row["value"] or "").replace(",", ""))
        except (TypeError, ValueError, InvalidOperation):
            report.errors.append(f"{where}: year and value must be numbers.")
            continue
        try:
            check_year(year)
            value = check_decimal(
                value,
                "value",
                max_digits=FIGURE_DIGITS,
                decimal_places=FIGURE_PLACES,
                minimum=ZERO,
            )
        except DomainError as exc:
            report.errors.append(f"{where}: {exc.message}")
            continue
        if not (row["source"] or "").strip():
            report.errors.append(f"{where}: every figure needs a source.")
            continue
        rows.append(
            {
                "measure": measure,
                "organisation": organisations.get(key),
                "country": country,
                "year": year,
                "value": value,
                "source": row["source"].strip(),
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


# --- Invoices, payments, credit notes --------------------------------------------------


@dataclass
class InvoicingRun:
    year: int
    created: list[Invoice] = field(default_factory=list)
    already_invoiced: int = 0
    waived: list[tuple[Organisation, str]] = field(default_factory=list)
    cannot_compute: list[tuple[Organisation, str]] = field(default_factory=list)


def billable_periods(network: Network, on: dt.date) -> QuerySet[MembershipPeriod]:
    return (
        registry.members(network, registry.MemberFilter(on=on))
        .filter(category__billable=True)
        .exclude(status=MembershipStatus.WITHDRAWN)
    )


def run_invoicing(actor: Any, network: Network, year: int, issued_on: dt.date) -> InvoicingRun:
    """Invoice every fee-paying member for `year`. Running it again creates nothing new."""
    require_secretariat(actor)
    check_year(year)
    check_date(issued_on, "issued_on")
    run = InvoicingRun(year=year)
    with transaction.atomic():
        # The year's counter row is locked first: a second run of the same year waits here,
        # then sees the invoices the first one made and adds none of them again.
        sequence = _take_numbers(
            network,
            NumberCounter.Kind.INVOICE,
            year,
            0,
            existing=lambda: Invoice.objects.filter(network=network, year=year).count(),
        )
        invoiced = set(
            Invoice.objects.filter(network=network, year=year).values_list(
                "organisation_id", flat=True
            )
        )
        schedules = schedules_for(network)
        periods = [
            p
            for p in billable_periods(network, issued_on)
            if p.membership.organisation_id not in invoiced
        ]
        run.already_invoiced = len(invoiced)
        records = FeeRecords(network, [p.membership.organisation for p in periods])
        new: list[Invoice] = []
        for period in periods:
            organisation = period.membership.organisation
            quote = rules.quote_fee(
                records.facts(organisation, year, period.category.slug), schedules
            )
            if not quote.computable:
                run.cannot_compute.append((organisation, quote.explanation))
                continue
            if quote.waived or not quote.amount:
                run.waived.append((organisation, quote.explanation))
                continue
            sequence += 1
            new.append(
                Invoice(
                    network=network,
                    organisation=organisation,
                    year=year,
                    number=f"{network.slug.upper()}-{year}-{sequence:05d}",
                    category=period.category.slug,
                    amount=quote.amount,
                    currency=quote.currency,
                    issued_on=issued_on,
                    due_on=dt.date(year, 12, 31),
                    explanation=quote.explanation,
                    basis=quote.basis,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
            )
        if new:
            NumberCounter.objects.filter(
                network=network, kind=NumberCounter.Kind.INVOICE, year=year
            ).update(last=sequence)
        run.created = Invoice.objects.bulk_create(new, batch_size=1000)
        audit.record(
            actor,
            "run_invoicing",
            network,
            after={
                "year": year,
                "created": len(run.created),
                "already_invoiced": run.already_invoiced,
                "waived": len(run.waived),
                "cannot_compute": len(run.cannot_compute),
            },
        )
    return run


def _take_numbers(
    network: Network, kind: str, year: int, how_many: int, *, existing: Callable[[], int]
) -> int:
    """Lock the counter of `kind` for the network and year (made on first use, from the
    `existing` count of documents numbered before counters were kept), move it on by
    `how_many`, and return the last number given before. Call it inside a transaction."""
    NumberCounter.objects.get_or_create(
        network=network, kind=kind, year=year, defaults={"last": existing()}
    )
    counter = NumberCounter.objects.select_for_update().get(network=network, kind=kind, year=year)
    last = counter.last
    if how_many:
        counter.last = last + how_many
        counter.save(update_fields=["last"])
    return last


class _Total(Func):
    """SUM in a subquery over the rows of one invoice. Django's Sum would also group them
    by that invoice, one more plan node to run per invoice and to JIT-compile; a plain SUM
    gives the same total, and NULL when there are no rows, as the grouped one does."""

    function = "SUM"
    output_field = MONEY_FIELD


def _paid(invoice: str) -> Coalesce:
    """What the payments of an invoice bring in, in its currency. `invoice` is the path to
    the invoice's id from the rows annotated: "pk" for invoices, "invoices__pk" for members."""
    total = (
        Payment.objects.filter(invoice=OuterRef(invoice))
        .order_by()
        .values(total=_Total("amount_applied"))
    )
    return Coalesce(Subquery(total), Value(ZERO), output_field=MONEY_FIELD)


def _credited(invoice: str) -> Case:
    """What the credit notes of an invoice take off, with the same path as `_paid`.

    Few invoices have a credit note, so PostgreSQL finds the table too small to use its
    index and scans all the notes for every invoice. The CASE looks the invoice up in the
    set of credited invoices instead, built and hashed once per query, and sums the notes
    only of the invoices in it; the result is the same."""
    total = (
        CreditNote.objects.filter(invoice=OuterRef(invoice))
        .order_by()
        .values(total=_Total("amount"))
    )
    return Case(
        When(
            **{f"{invoice}__in": CreditNote.objects.order_by().values("invoice")},
            then=Coalesce(Subquery(total), Value(ZERO), output_field=MONEY_FIELD),
        ),
        default=Value(ZERO),
        output_field=MONEY_FIELD,
    )


def with_balances(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Invoices annotated with `paid`, `credited` and `balance`, computed in the database."""
    return invoices.annotate(paid=_paid("pk"), credited=_credited("pk")).annotate(
        balance=F("amount") - F("paid") - F("credited")
    )


def invoice_balance(invoice: Invoice) -> Decimal:
    annotated = with_balances(Invoice.objects.filter(pk=invoice.pk)).get()
    # SQLite drops the scale in arithmetic on decimals; money is always shown to the cent.
    return Decimal(annotated.balance).quantize(Decimal("0.01"))  # type: ignore[attr-defined]


def record_payment(
    actor: Any,
    invoice: Invoice,
    *,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    exchange_rate: Decimal | None = None,
    reference: str = "",
    idempotency_key: str = "",
) -> Payment:
    """Record money received. A payment in another currency states the rate used; it may
    be partial but never more than what is still owed (fees are not refunded, Art. 9).

    The same form (its `idempotency_key`) sent again records nothing more and returns the
    payment it recorded; a reference already recorded on the invoice is refused."""
    require_secretariat(actor)
    check_date(received_on, "received_on")
    amount = check_decimal(amount, "amount", max_digits=14, decimal_places=2)
    if exchange_rate is not None:
        exchange_rate = check_decimal(
            exchange_rate, "exchange_rate", max_digits=16, decimal_places=6
        )
    reference, idempotency_key = reference.strip(), idempotency_key.strip()
    if len(idempotency_key) > 64:
        raise DomainError("The form's token is not one this site issued; reload the page.")
    if currency not in Currency.values:
        raise DomainError(f"Unknown currency '{currency}'; use {', '.join(Currency.values)}.")
    if currency == invoice.currency:
        if exchange_rate not in (None, Decimal(1)):
            raise DomainError("A payment in the invoice's own currency has no exchange rate.")
        exchange_rate = Decimal(1)
    elif exchange_rate is None:
        raise DomainError(
            f"Give the exchange rate used: how many {currency} make one {invoice.currency}."
        )
    if received_on > timezone.localdate():
        raise DomainError("A payment cannot be received in the future.")
    try:
        applied = rules.applied_amount(amount, exchange_rate)
    except ValueError as exc:
        raise DomainError(str(exc)) from exc
    try:
        return _record_payment(
            actor,
            invoice,
            received_on,
            amount,
            currency,
            exchange_rate,
            applied,
            reference,
            idempotency_key,
        )
    except IntegrityError:
        # The checks below run under the invoice's lock; the constraints are the backstop.
        raise DomainError(
            f"This payment is already recorded on {invoice.number} (same form or reference)."
        ) from None


def _record_payment(
    actor: Any,
    invoice: Invoice,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    exchange_rate: Decimal,
    applied: Decimal,
    reference: str,
    idempotency_key: str,
) -> Payment:
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if idempotency_key:
            repeated = Payment.objects.filter(idempotency_key=idempotency_key).first()
            if repeated is not None:
                if repeated.invoice_id != locked.pk:
                    raise DomainError("This form was sent for another invoice; reload the page.")
                return repeated
        if reference:
            earlier = Payment.objects.filter(invoice=locked, reference=reference).first()
            if earlier is not None:
                raise DomainError(
                    f"A payment with reference {reference!r} is already recorded on "
                    f"{invoice.number} ({earlier.currency} {earlier.amount:,} received on "
                    f"{earlier.received_on}); a reference identifies one payment."
                )
        balance = invoice_balance(locked)
        if applied > balance:
            raise DomainError(
                f"{currency} {amount:,} is {invoice.currency} {applied:,}, more than the "
                f"{invoice.currency} {balance:,} still owed on {invoice.number}."
            )
        payment = Payment.objects.create(
            invoice=locked,
            received_on=received_on,
            amount=amount,
            currency=currency,
            exchange_rate=exchange_rate,
            amount_applied=applied,
            reference=reference,
            idempotency_key=idempotency_key or None,
            recorded_by=actor,
        )
        audit.record(
            actor,
            "record_payment",
            locked,
            before={"balance": balance},
            after={
                "payment": payment.pk,
                "received_on": received_on,
                "reference": reference,
                "amount": amount,
                "currency": currency,
                "exchange_rate": exchange_rate,
                "applied": applied,
                "balance": balance - applied,
            },
        )
    return payment


def issue_credit_note(
    actor: Any, invoice: Invoice, *, amount: Decimal, reason: str, issued_on: dt.date
) -> CreditNote:
    require_secretariat(actor)
    check_date(issued_on, "issued_on")
    amount = check_decimal(amount, "amount", max_digits=14, decimal_places=2)
    if amount <= 0:
        raise DomainError("A credit note is a positive amount.")
    if not reason.strip():
        raise DomainError("Say why the credit note is issued.")
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        balance = invoice_balance(locked)
        if amount > balance:
            raise DomainError(
                f"The credit of {amount:,} exceeds the {balance:,} still owed on {invoice.number}."
            )
        network, year = invoice.network, issued_on.year
        prefix = f"{network.slug.upper()}-CN-{year}-"
        number = 1 + _take_numbers(
            network,
            NumberCounter.Kind.CREDIT_NOTE,
            year,
            1,
            existing=lambda: CreditNote.objects.filter(number__startswith=prefix).count(),
        )
        note = CreditNote.objects.create(
            invoice=locked,
            number=f"{prefix}{number:05d}",
            amount=amount,
            reason=reason,
            issued_on=issued_on,
            created_by=actor,
        )
        audit.record(
            actor,
            "issue_credit_note",
            locked,
            before={"balance": balance},
            after={
                "credit_note": note.number,
                "issued_on": issued_on,
                "credit": amount,
                "balance": balance - amount,
                "reason": reason,
            },
        )
    return note


@dataclass(frozen=True)
class Statement:
    organisation: Organisation
    invoices: list[Invoice]
    payments: list[Payment]
    credit_notes: list[CreditNote]
    balance_by_currency: dict[str, Decimal]


def statement(actor: Any, network: Network, organisation: Organisation) -> Statement:
    if not can_view_account(actor, organisation):
        raise PermissionDenied(f"You may not see the account of {organisation}.")
    invoices = list(
        with_balances(Invoice.objects.filter(network=network, organisation=organisation)).order_by(
            "year"
        )
    )
    totals: dict[str, Decimal] = {}
    for invoice in invoices:
        totals[invoice.currency] = totals.get(invoice.currency, ZERO) + invoice.balance  # type: ignore[attr-defined]
    return Statement(
        organisation=organisation,
        invoices=invoices,
        payments=list(Payment.objects.filter(invoice__in=invoices).select_related("invoice")),
        credit_notes=list(
            CreditNote.objects.filter(invoice__in=invoices).select_related("invoice")
        ),
        balance_by_currency=totals,
    )


def arrears(network: Network, today: dt.date) -> QuerySet[Organisation]:
    """Members with unpaid invoices past due, with the amounts in each ageing bucket (USD),
    computed in the database whatever the number of invoices.

    One query over the invoices past due, grouped by member: an invoice's balance is
    computed for the filter, then for its bucket and for the total. The buckets are those
    of `rules.age_bucket`, from the same `rules.AGEING_LIMITS_DAYS`."""
    one, two = rules.AGEING_LIMITS_DAYS
    year_ago, two_years_ago = today - dt.timedelta(days=one), today - dt.timedelta(days=two)

    def owed(bucket: Q | None = None) -> Coalesce:
        return Coalesce(
            Sum("invoice_balance", filter=bucket), Value(ZERO), output_field=MONEY_FIELD
        )

    return (
        # The invoice conditions in one filter() call make one join, which all the
        # invoices__ expressions below reuse.
        Organisation.objects.filter(
            invoices__network=network, invoices__currency=Currency.USD, invoices__due_on__lt=today
        )
        .alias(
            invoice_balance=ExpressionWrapper(
                F("invoices__amount") - _paid("invoices__pk") - _credited("invoices__pk"),
                output_field=MONEY_FIELD,
            )
        )
        .filter(invoice_balance__gt=0)
        .annotate(
            owed_0_1=owed(Q(invoices__due_on__gte=year_ago)),
            owed_1_2=owed(Q(invoices__due_on__lt=year_ago, invoices__due_on__gte=two_years_ago)),
            owed_2_plus=owed(Q(invoices__due_on__lt=two_years_ago)),
            # The sum of the three buckets, as they share out the invoices past due.
            owed=owed(),
        )
        .order_by("-owed", "name")
    )


def balances(network: Network) -> QuerySet[Organisation]:
    """Every organisation with an invoice in the network, with its totals in USD.

    One query over the network's invoices, grouped by member: an invoice's payments and
    credit notes are summed for `paid` and `credited`, and again for `balance`."""
    in_usd = Q(invoices__currency=Currency.USD)

    def total(of: str | Coalesce | Case) -> Coalesce:
        return Coalesce(Sum(of, filter=in_usd), Value(ZERO), output_field=MONEY_FIELD)

    return (
        Organisation.objects.filter(invoices__network=network)
        .annotate(
            invoiced=total("invoices__amount"),
            paid=total(_paid("invoices__pk")),
            credited=total(_credited("invoices__pk")),
        )
        .annotate(balance=F("invoiced") - F("paid") - F("credited"))
        .order_by("name", "pk")
    )


# --- Reminders -------------------------------------------------------------------------


def reminder_recipients(organisation: Organisation) -> list[str]:
    emails = set(
        organisation.role_grants.filter(role=Role.CITY_OFFICER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    emails |= set(organisation.people.exclude(email="").values_list("email", flat=True))
    return sorted(emails)


def queue_reminders(actor: Any, network: Network, today: dt.date) -> list[Reminder]:
    """Queue one reminder per unpaid, past-due invoice; the task worker sends them."""
    from intercity.membership.tasks import send_fee_reminder

    require_secretariat(actor)
    check_date(today, "today")
    queued = []
    with transaction.atomic():
        # The invoices are locked, then those with a reminder waiting or queued today are
        # left out: the button pressed twice queues each reminder once.
        past_due = list(
            Invoice.objects.select_for_update()
            .filter(network=network, due_on__lt=today)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        reminded = Reminder.objects.filter(invoice_id__in=past_due).filter(
            Q(sent_at__isnull=True) | Q(queued_at__date=today)
        )
        unpaid = (
            with_balances(Invoice.objects.filter(pk__in=past_due).select_related("organisation"))
            .filter(balance__gt=0)  # type: ignore[misc]
            .exclude(pk__in=reminded.values("invoice_id"))
            .order_by("pk")
        )
        for invoice in unpaid:
            reminder = Reminder.objects.create(
                invoice=invoice,
                recipients=reminder_recipients(invoice.organisation),
                queued_by=actor,
            )
            queued.append(reminder)
        audit.record(actor, "queue_reminders", network, after={"count": len(queued)})
        for reminder in queued:
            reminder_id = reminder.pk
            transaction.on_commit(functools.partial(send_fee_reminder.enqueue, reminder_id))
    return queued


def get_invoice(invoice_id: int) -> Invoice:
    try:
        return Invoice.objects.select_related("network", "organisation").get(pk=invoice_id)
    except Invoice.DoesNotExist:
        raise NotFound(f"No invoice with id {invoice_id}.") from None


def fees_fully_paid(network: Network, organisation: Organisation, on: dt.date) -> bool | None:
    """Whether every invoice of the member due by `on` is paid (Statute 2017 Art. 11.5: a
    President candidate "has fully paid membership fees"). None when no invoice was ever
    issued to it: the record cannot tell, and the caller says so rather than guess."""
    invoices = with_balances(
        Invoice.objects.filter(network=network, organisation=organisation, due_on__lte=on)
    )
    if not invoices.exists():
        return None
    return not invoices.filter(balance__gt=0).exists()  # type: ignore[misc]
