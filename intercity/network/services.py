"""Named actions and queries of the network registry. Other apps call these, not the models."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Min, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.network import rules
from intercity.network.models import (
    Body,
    DateBasis,
    EndReason,
    Mandate,
    Membership,
    MembershipCategory,
    MembershipPeriod,
    MembershipStatus,
    Network,
    Organisation,
    Region,
    RegionalOffice,
)

PROFILE_FIELDS = [
    "name",
    "official_name",
    "administering_body",
    "leader_name",
    "leader_title",
    "incumbent_term_start",
    "incumbent_term_end",
    "area_km2",
    "population",
    "population_year",
    "official_languages",
    "website",
    "employees",
    "description",
    "latitude",
    "longitude",
    "coordinates_source",
]


LOCATION_FIELDS = ("latitude", "longitude", "coordinates_source")


def get_network(slug: str) -> Network:
    try:
        return Network.objects.get(slug=slug)
    except Network.DoesNotExist:
        known = ", ".join(Network.objects.values_list("slug", flat=True))
        if not known:
            raise NotFound(gettext("No network with slug '%(slug)s'.") % {"slug": slug}) from None
        raise NotFound(
            gettext("No network with slug '%(slug)s'. Known networks: %(known)s.")
            % {"slug": slug, "known": known}
        ) from None


def get_organisation(organisation_id: int) -> Organisation:
    try:
        return Organisation.objects.get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise NotFound(
            gettext("No organisation with id %(id)s.") % {"id": organisation_id}
        ) from None


# What "current member" means everywhere (home page, network page, directory, API): an
# organisation whose membership period in force that day is active or suspended. A suspended
# member is still a member, without its vote and benefits until the suspension is lifted
# (WeGO Statute 2017 Art. 7.3); a withdrawn period records that the membership has ended, so a
# withdrawn organisation is a former member.
CURRENT = "current"
CURRENT_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)


def is_current(status: str) -> bool:
    return status in CURRENT_STATUSES


@dataclass(frozen=True)
class MemberFilter:
    """What a directory or API caller asks for; `on` defaults to the caller's today.

    `status` is one of MembershipStatus, "current" (active or suspended: see CURRENT) or
    empty for every period in force that day, former members' too."""

    on: dt.date
    category: str = ""
    status: str = ""
    region: str = ""
    country: str = ""
    search: str = ""


def members(network: Network, wanted: MemberFilter) -> QuerySet[MembershipPeriod]:
    """The membership periods in force on `wanted.on`, one per organisation, filtered.

    Refuses unknown categories, statuses, regions and countries with a message that lists
    what is known, rather than answering an empty list that looks like "no members".
    """
    periods = (
        MembershipPeriod.objects.filter(membership__network=network, valid_from__lte=wanted.on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=wanted.on))
        .select_related("category", "membership__organisation", "membership__region")
        .order_by("membership__organisation__name", "membership_id")
    )
    if wanted.category:
        slugs = list(network.categories.values_list("slug", flat=True))
        if wanted.category not in slugs:
            raise DomainError(
                gettext(
                    "Unknown category '%(category)s' in %(network)s; known categories: %(known)s."
                )
                % {"category": wanted.category, "network": network, "known": ", ".join(slugs)}
            )
        periods = periods.filter(category__slug=wanted.category)
    if wanted.status == CURRENT:
        periods = periods.filter(status__in=CURRENT_STATUSES)
    elif wanted.status:
        if wanted.status not in MembershipStatus.values:
            known = ", ".join([CURRENT, *MembershipStatus.values])
            raise DomainError(
                gettext("Unknown status '%(status)s'; known statuses: %(known)s.")
                % {"status": wanted.status, "known": known}
            )
        periods = periods.filter(status=wanted.status)
    if wanted.region:
        regions = list(network.regions.values_list("slug", flat=True))
        if wanted.region not in regions:
            raise DomainError(
                gettext("Unknown region '%(region)s' in %(network)s; known regions: %(known)s.")
                % {"region": wanted.region, "network": network, "known": ", ".join(regions)}
            )
        periods = periods.filter(membership__region__slug=wanted.region)
    if wanted.country:
        code = wanted.country.upper()
        if code not in dict(countries):
            raise DomainError(
                gettext("Unknown country '%(country)s'; use an ISO 3166-1 alpha-2 code such as KR.")
                % {"country": wanted.country}
            )
        periods = periods.filter(membership__organisation__country=code)
    if wanted.search.strip():
        periods = periods.filter(_matching(wanted.search, "membership__organisation__"))
    return periods


def _matching(search: str, prefix: str = "") -> Q:
    """Organisations whose name or official name contains the search, accents and case
    ignored ("sao" finds São Paulo), or whose country's name does in the language active for
    this request ("corée" finds Seoul when the page is in French)."""
    found = Q(**{f"{prefix}search_text__contains": rules.fold(search)})
    codes = rules.countries_matching(search, {code: str(name) for code, name in countries})
    if codes:
        found |= Q(**{f"{prefix}country__in": sorted(codes)})
    return found


@dataclass(frozen=True)
class MemberCounts:
    on: dt.date
    total: int
    by_category: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    former: int = 0


def member_counts(network: Network, on: dt.date) -> MemberCounts:
    """Counts of current members (active or suspended, see CURRENT) by category and region on
    a date; `former` counts the organisations whose membership had ended by then."""
    periods = list(
        members(network, MemberFilter(on=on)).values_list(
            "status", "category__slug", "membership__region__slug"
        )
    )
    current = [p for p in periods if is_current(p[0])]
    # Names from the instances, so in the reader's language (values_list reads the English
    # column: core.translated keeps queries on it).
    no_region = str(_("No region"))
    category_name = {c.slug: c.name for c in network.categories.all()}
    region_name = {r.slug: r.name for r in network.regions.all()}
    category_order = list(category_name.values())
    region_order = list(region_name.values())
    by_category = Counter(category_name.get(p[1], p[1]) for p in current)
    by_region = Counter(region_name[p[2]] if p[2] else no_region for p in current)
    by_status = Counter(p[0] for p in periods)
    return MemberCounts(
        on=on,
        total=len(current),
        by_category=[(name, by_category[name]) for name in category_order if by_category[name]],
        by_region=[
            (name, by_region[name]) for name in [*region_order, no_region] if by_region[name]
        ],
        by_status=[(str(label), by_status[value]) for value, label in MembershipStatus.choices],
        former=len(periods) - len(current),
    )


def mandates(network: Network) -> QuerySet[Mandate]:
    return Mandate.objects.filter(body__network=network).select_related("body", "organisation")


def organisation_memberships(organisation: Organisation) -> list[Membership]:
    return list(
        organisation.memberships.select_related("network", "region").prefetch_related(
            "periods__category"
        )
    )


def search_organisations(search: str = "") -> QuerySet[Organisation]:
    found = Organisation.objects.all()
    if search.strip():
        found = found.filter(_matching(search))
    return found.order_by("name", "id")


def update_organisation(
    actor: Any, organisation: Organisation, changes: dict[str, Any], reason: str = ""
) -> Organisation:
    """Edit an organisation's profile. A city officer may edit only their own organisation."""
    if not permissions.can_edit_organisation(actor, organisation.pk):
        raise PermissionDenied(
            gettext("You may not edit the profile of %(organisation)s.")
            % {"organisation": organisation}
        )
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(
            gettext("These fields cannot be edited: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = audit.snapshot(locked, list(changes))
        for field, value in changes.items():
            setattr(locked, field, value)
        full_clean_or_refuse(locked)
        after = audit.snapshot(locked, list(changes))
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if set(changed) & set(LOCATION_FIELDS) and not permissions.is_secretariat(actor):
            raise PermissionDenied(
                gettext("Only the Secretariat records where a member is on the map.")
            )
        if (locked.latitude is None) != (locked.longitude is None):
            raise DomainError(gettext("Give both the latitude and the longitude, or neither."))
        if changed:
            locked.save()
            audit.record(
                actor,
                "update_organisation",
                locked,
                before={k: before[k] for k in changed},
                after=changed,
                reason=reason,
            )
    return locked


@dataclass(frozen=True)
class MembershipChange:
    category: str
    status: str
    valid_from: dt.date
    date_basis: str = DateBasis.EXACT
    end_reason: str = ""
    evidence: str = ""
    decision_reference: str = ""
    source: str = ""
    conflict: str = ""


def change_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    change: MembershipChange,
    *,
    region: Region | None = None,
) -> MembershipPeriod:
    """Record that from `change.valid_from` the organisation is in a new category or status.

    Opens the membership on first call; afterwards closes the period in force and opens the
    next one, so the history never overlaps and never loses a day.
    """
    try:
        category = network.categories.get(slug=change.category)
    except MembershipCategory.DoesNotExist:
        raise DomainError(
            gettext("Unknown category '%(category)s' in %(network)s.")
            % {"category": change.category, "network": network}
        ) from None
    if change.status not in MembershipStatus.values:
        raise DomainError(gettext("Unknown status '%(status)s'.") % {"status": change.status})
    if change.date_basis not in DateBasis.values:
        raise DomainError(gettext("Unknown date basis '%(basis)s'.") % {"basis": change.date_basis})
    if change.end_reason and (
        change.end_reason not in EndReason.values or change.status != MembershipStatus.WITHDRAWN
    ):
        raise DomainError(gettext("Only a withdrawn period says how the membership ended."))
    with transaction.atomic():
        membership, _created = Membership.objects.select_for_update().get_or_create(
            network=network, organisation=organisation, defaults={"region": region}
        )
        current = (
            membership.periods.filter(valid_to__isnull=True).select_related("category").first()
        )
        refusal = rules.refuse_membership_change(
            rules.PeriodState(current.valid_from, current.category.slug, current.status)
            if current
            else None,
            rules.PeriodState(change.valid_from, category.slug, change.status),
        )
        if refusal:
            raise DomainError(refusal)
        before: dict[str, Any] = {}
        if current:
            before = {
                "category": current.category.slug,
                "status": current.status,
                "since": current.valid_from,
            }
            current.valid_to = change.valid_from
            current.save(update_fields=["valid_to"])
        period = MembershipPeriod.objects.create(
            membership=membership,
            category=category,
            status=change.status,
            valid_from=change.valid_from,
            date_basis=change.date_basis,
            end_reason=change.end_reason,
            evidence=change.evidence,
            decision_reference=change.decision_reference,
            source=change.source,
            conflict=change.conflict,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor,
            "change_membership",
            membership,
            before=before,
            after={"category": category.slug, "status": change.status, "since": change.valid_from},
            reason=change.decision_reference or change.source,
        )
    return period


def register_organisation(
    actor: Any, *, name: str, kind: str, country: str, **profile: Any
) -> Organisation:
    """Add an organisation to the registry with a unique key made from its name."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(
            gettext("These fields cannot be set: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if kind not in Organisation.Kind.values:
        raise DomainError(gettext("Unknown kind of organisation '%(kind)s'.") % {"kind": kind})
    base = slugify(name)[:70] or "organisation"
    with transaction.atomic():
        key, n = base, 1
        while Organisation.objects.filter(key=key).exists():
            n += 1
            key = f"{base}-{n}"
        organisation = Organisation(key=key, name=name, kind=kind, country=country, **profile)
        full_clean_or_refuse(organisation)
        organisation.save()
        audit.record(
            actor,
            "register_organisation",
            organisation,
            after={"name": name, "kind": kind, "country": country, **profile},
        )
    return organisation


def period_on(
    network: Network, organisation: Organisation, day: dt.date
) -> MembershipPeriod | None:
    """The membership period of an organisation in force on a day, if any."""
    return (
        MembershipPeriod.objects.filter(
            membership__network=network, membership__organisation=organisation, valid_from__lte=day
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("category")
        .first()
    )


def current_period(network: Network, organisation: Organisation) -> MembershipPeriod | None:
    """The open (latest) period of a membership, whatever its date."""
    return (
        MembershipPeriod.objects.filter(
            membership__network=network,
            membership__organisation=organisation,
            valid_to__isnull=True,
        )
        .select_related("category")
        .first()
    )


def mandates_on(body: Body, day: dt.date) -> QuerySet[Mandate]:
    """The offices held in a body on a day."""
    return (
        Mandate.objects.filter(body=body, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gt=day))
        .select_related("organisation")
    )


def appoint_mandate(
    actor: Any,
    body: Body,
    organisation: Organisation,
    office: str,
    start: dt.date,
    *,
    end: dt.date | None = None,
    source: str = "",
) -> Mandate:
    """Record that an organisation holds an office in a body from `start` (an election or an
    appointment). Idempotent for the same body, organisation, office and start."""
    if office not in Mandate.Office.values:
        raise DomainError(
            gettext("Unknown office '%(office)s'; known: %(known)s.")
            % {"office": office, "known": ", ".join(Mandate.Office.values)}
        )
    if end is not None and end <= start:
        raise DomainError(gettext("A term ends after it starts."))
    with transaction.atomic():
        mandate, created = Mandate.objects.get_or_create(
            body=body,
            organisation=organisation,
            office=office,
            start=start,
            defaults={"end": end, "source": source},
        )
        if created:
            audit.record(
                actor,
                "appoint_mandate",
                mandate,
                after={"office": office, "start": start, "end": end},
                reason=source,
            )
    return mandate


def end_mandate(actor: Any, mandate: Mandate, end: dt.date, reason: str = "") -> Mandate:
    if end <= mandate.start:
        raise DomainError(
            gettext("The term began on %(start)s; it cannot end on %(end)s.")
            % {"start": mandate.start, "end": end}
        )
    with transaction.atomic():
        before = {"end": mandate.end}
        mandate.end = end
        mandate.save(update_fields=["end"])
        audit.record(
            actor, "end_mandate", mandate, before=before, after={"end": end}, reason=reason
        )
    return mandate


def establish_regional_office(
    actor: Any,
    network: Network,
    region: Region,
    host: Organisation,
    term_start: dt.date,
    term_end: dt.date | None,
    *,
    source: str = "",
) -> RegionalOffice:
    """A regional office approved by the Executive Committee (Statute 2017 Art. 13.6(a))."""
    if region.network_id != network.pk:
        raise DomainError(
            gettext("%(region)s is not a region of %(network)s.")
            % {"region": region.name, "network": network}
        )
    with transaction.atomic():
        office = RegionalOffice.objects.create(
            network=network,
            region=region,
            host=host,
            name=f"{network.short_name or network.name} Regional Office for {region.name}",
            term_start=term_start,
            term_end=term_end,
            source=source,
        )
        audit.record(
            actor,
            "establish_regional_office",
            office,
            after={"region": region.slug, "host": host.pk, "term": [term_start, term_end]},
            reason=source,
        )
    return office


def close_regional_office(
    actor: Any, office: RegionalOffice, on: dt.date, reason: str
) -> RegionalOffice:
    """Dissolution (Art. 13.6(b)): the term ends on the day of the decision."""
    with transaction.atomic():
        before = {"term_end": office.term_end}
        office.term_end = on
        office.save(update_fields=["term_end"])
        audit.record(
            actor,
            "close_regional_office",
            office,
            before=before,
            after={"term_end": on},
            reason=reason,
        )
    return office


def voting_periods_on(network: Network, day: dt.date) -> QuerySet[MembershipPeriod]:
    """Every membership period in force on a day, with its category (for counting voters)."""
    return (
        MembershipPeriod.objects.filter(membership__network=network, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("category", "membership__organisation")
    )


@dataclass(frozen=True)
class HeadlineTotal:
    """A total a source states, beside the register's own count of the same thing on the
    same day, so a register that holds only what the seeds name is not read as the whole."""

    figure: int
    counts: str
    as_of: dt.date
    quote: str
    source: str
    note: str
    register_count: int

    @property
    def difference(self) -> int:
        return self.figure - self.register_count


def headline_totals(network: Network) -> list[HeadlineTotal]:
    found = []
    for total in network.reported_totals.all():
        periods = voting_periods_on(network, total.as_of).filter(status__in=CURRENT_STATUSES)
        if total.organisation_kind:
            periods = periods.filter(membership__organisation__kind=total.organisation_kind)
        if total.categories:
            periods = periods.filter(category__slug__in=total.categories)
        found.append(
            HeadlineTotal(
                figure=total.figure,
                counts=total.counts,
                as_of=total.as_of,
                quote=total.quote,
                source=total.source,
                note=total.note,
                register_count=periods.count(),
            )
        )
    return found


def cite_decision(
    actor: Any,
    network: Network,
    organisation: Organisation,
    on: dt.date,
    category: str,
    reference: str,
) -> MembershipPeriod | None:
    """Cite on a recorded membership period the decision that made it (a seeded approval
    whose effect the registry's own seed already holds), so the row names its decision."""
    with transaction.atomic():
        period = (
            MembershipPeriod.objects.select_for_update()
            .filter(
                membership__network=network,
                membership__organisation=organisation,
                valid_from=on,
                category__slug=category,
            )
            .first()
        )
        if period is None or period.decision_reference == reference:
            return period
        before = {"decision_reference": period.decision_reference}
        period.decision_reference = reference[:300]
        period.save(update_fields=["decision_reference"])
        audit.record(
            actor,
            "cite_decision",
            period.membership,
            before=before,
            after={"decision_reference": period.decision_reference},
            reason=reference,
        )
    return period


# --- Read services used by governance ---------------------------------------------------------
# Names come from the row, so each is in the reader's language (modeltranslation's field, with
# English where a row has no translation); `values_list("name")` would read the English column.


def organisation_names(ids: set[int] | list[int]) -> dict[int, str]:
    """The names of the organisations with these ids (an id not found is left out)."""
    if not ids:
        return {}
    return {o.pk: o.name for o in Organisation.objects.filter(pk__in=ids)}


def organisation_choices() -> list[tuple[int, str]]:
    """Every organisation of the registry as (id, "name (country)") in the order of their
    names: the choices of a form that lets a person pick one."""
    return [
        (o.pk, f"{o.name} ({o.country.code})" if o.country else o.name)
        for o in Organisation.objects.order_by("name")
    ]


def organisations_by_name(ids: set[int] | list[int]) -> list[Organisation]:
    """The organisations with these ids, in the order of their names."""
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def regional_office_names(ids: set[int] | list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {o.pk: o.name for o in RegionalOffice.objects.filter(pk__in=ids)}


def category_names(network: Network) -> dict[str, str]:
    """A network's membership categories by slug."""
    return {c.slug: c.name for c in network.categories.all()}


def region_names(network: Network) -> dict[str, str]:
    return {r.slug: r.name for r in network.regions.all()}


def member_city_choices(network: Network) -> list[tuple[int, str]]:
    """Cities that have (or had) a membership of the network, by name: (id, name)."""
    cities = (
        Organisation.objects.filter(kind=Organisation.Kind.CITY, memberships__network=network)
        .order_by("name", "pk")
        .distinct()
    )
    return [(city.pk, city.name) for city in cities]


# --- Read services used by membership and assessment -------------------------------------


def find_category(network: Network, slug: str) -> MembershipCategory | None:
    """The network's membership category with this slug, if it has one."""
    return network.categories.filter(slug=slug).first()


def category_slugs(network: Network) -> list[str]:
    """The slugs of the network's membership categories, in their order."""
    return list(network.categories.values_list("slug", flat=True))


def region_of(network: Network, organisation: Organisation) -> Region | None:
    """The region an organisation belongs to in a network (None when it has none there)."""
    membership = (
        Membership.objects.filter(network=network, organisation=organisation)
        .select_related("region")
        .first()
    )
    return membership.region if membership else None


def organisations_in_region(region: Region) -> QuerySet[Organisation]:
    """The organisations whose membership of the region's network places them in it."""
    return Organisation.objects.filter(
        memberships__network_id=region.network_id, memberships__region=region
    )


def billable_since(network: Network, organisation_ids: list[int]) -> dict[int, dt.date]:
    """The first day each organisation held a fee-paying category in the network, by
    organisation id; one query whatever the number of organisations."""
    firsts = (
        MembershipPeriod.objects.filter(
            membership__network=network,
            membership__organisation_id__in=organisation_ids,
            category__billable=True,
        )
        .values("membership__organisation_id")
        .annotate(first=Min("valid_from"))
        .values_list("membership__organisation_id", "first")
    )
    return dict(firsts)


def lock_membership(network: Network, organisation: Organisation) -> None:
    """Lock the organisation and its membership of the network (when it has one) until the
    transaction ends, so that changes sent together are judged one after the other. Call it
    inside `transaction.atomic()`."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    Membership.objects.select_for_update().filter(
        network=network, organisation=organisation
    ).first()


def organisations_by_key() -> dict[str, Organisation]:
    """Every organisation of the registry by its key (for imports that name them so)."""
    return {organisation.key: organisation for organisation in Organisation.objects.all()}


def people_emails(organisation: Organisation) -> set[str]:
    """The e-mail addresses of the people the registry records for an organisation."""
    return set(organisation.people.exclude(email="").values_list("email", flat=True))


# --- Translations of the registry's content --------------------------------------------------


def translation_fields(model: type[models.Model]) -> list[str]:
    """The columns a translator writes on a model: every language but English of every field
    registered in network/translation.py (``name_ko``, ``description_ru`` ...). English is the
    original column, changed only by the services that own it."""
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import build_localized_fieldname

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [
        build_localized_fieldname(field, code)
        for field in options.fields  # type: ignore[attr-defined]
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def translate_content(actor: Any, obj: models.Model, values: dict[str, str], reason: str) -> Any:
    """Write translations of a network's, category's, region's, body's, organisation's or
    regional office's texts (the Secretariat's task, audited); the English text is untouched."""
    if not permissions.is_secretariat(actor):
        raise PermissionDenied(gettext("Only Secretariat staff may translate the register."))
    allowed = translation_fields(type(obj))
    unknown = set(values) - set(allowed)
    if unknown:
        raise DomainError(
            gettext("These fields cannot be translated: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if not changed:
        return obj
    with transaction.atomic():
        before = {name: getattr(obj, name) for name in changed}
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(changed))
        audit.record(actor, "translate", obj, before=before, after=changed, reason=reason)
    return obj


# The member map lives in its own module (it reads `members` above); named here as before.
from intercity.network.member_map import location as location  # noqa: E402
from intercity.network.member_map import member_map as member_map  # noqa: E402
