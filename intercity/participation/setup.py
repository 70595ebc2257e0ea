"""A city sets up its own Civic Participation System: its services (Open311 "services"), the
questions each asks (Open311 attributes) and its departments. Named actions for the city's
CPS administrator (`tenancy.is_admin_of`); the setup pages, the REST API and tests call them.

Each checks who acts, validates (the pure rules in `rules`), saves in one transaction with the
rows it changes locked, and writes one audit event. Intake reads services through `catalogue`:
every action here empties it in this process and marks the shared cache, at once and again
when its transaction commits, so a new, changed or withdrawn service is what the next report
in any process meets.

Texts a citizen reads (a service's name, group and description, a department's name, a
question) are written per language: `{language: text}`, the languages being the site's
(`settings.LANGUAGES`); a city fills in its own (`Jurisdiction.languages`), its main one at
least. The original column (read when nothing better is written) keeps the English text, or
else the city's main language's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.participation import catalogue, languages, rules, tenancy
from intercity.participation.models import (
    Department,
    Jurisdiction,
    Report,
    Service,
    ServiceAttribute,
)

# 409: the request is sound but the city's data stands in its way (a code taken, a code
# that reports already carry).
CONFLICT = 409
# 422: a value no city could accept (a bad code, a target of ten years, a list with no choice).
INVALID = 422


def require_admin(actor: Any, jurisdiction: Jurisdiction) -> None:
    if not tenancy.is_admin_of(actor, jurisdiction):
        raise PermissionDenied(
            _("Only an administrator of %(city)s's Civic Participation System may do this.")
            % {"city": jurisdiction}
        )


def _refuse(problem: str | None, status: int = INVALID) -> None:
    if problem:
        raise DomainError(problem, status=status)


def _invalidate() -> None:
    """Intake sees the change on its next report, in this process and (shared mark) others."""
    catalogue.forget()
    transaction.on_commit(catalogue.forget)


# --- Texts per language ----------------------------------------------------------------------


def _column(code: str) -> str:
    return code.replace("-", "_")


def site_language(code: str) -> str:
    """A language code as the site spells it (`zh-Hans` -> `zh-hans`); refused otherwise."""
    found = languages.supported(code)
    if found is None or found not in dict(settings.LANGUAGES):
        raise DomainError(
            _("'%(code)s' is not a language of this site (%(known)s).")
            % {"code": str(code)[:20], "known": ", ".join(c for c, _n in settings.LANGUAGES)},
            status=INVALID,
        )
    return found


def texts_of(instance: Any, name: str) -> dict[str, str]:
    """`{language: text}` of a translated field, the languages that have one."""
    found = {}
    for code, _label in settings.LANGUAGES:
        value = getattr(instance, f"{name}_{_column(code)}", "") or ""
        if value:
            found[code] = value
    return found


def _write_texts(
    instance: Any, name: str, texts: dict[str, str], jurisdiction: Jurisdiction
) -> dict[str, str]:
    """Write `{language: text}` into the field's columns (an empty text clears that
    language). The original column, which intake and queries read, keeps the English text,
    else the city's main language's (and follows it while it was a copy of it)."""
    main = languages.first_language(jurisdiction)
    old_main = getattr(instance, f"{name}_{_column(main)}", "") or ""
    old_english = getattr(instance, f"{name}_en", "") or ""
    given = {site_language(code): str(text or "").strip() for code, text in texts.items()}
    for code, text in given.items():
        setattr(instance, f"{name}_{_column(code)}", text)
    english = given.get("en", "")
    if not english:
        keep = old_english and old_english != old_main
        english = old_english if keep else (getattr(instance, f"{name}_{_column(main)}") or "")
    if not english:
        english = next(iter(texts_of(instance, name).values()), "")
    with translation.override(settings.LANGUAGE_CODE):
        setattr(instance, name, english)
    return texts_of(instance, name)


# --- Services --------------------------------------------------------------------------------


def services_of(jurisdiction: Jurisdiction) -> QuerySet[Service]:
    """Every service of the city, withdrawn ones too (intake offers only the active ones)."""
    return (
        Service.objects.filter(jurisdiction=jurisdiction)
        .select_related("department")
        .prefetch_related("attributes")
        .order_by("group", "position", "code")
    )


def service_of(jurisdiction: Jurisdiction, code: str) -> Service:
    try:
        return services_of(jurisdiction).get(code=code)
    except Service.DoesNotExist:
        raise NotFound(
            _("No service '%(code)s' in %(city)s.") % {"code": code[:70], "city": jurisdiction}
        ) from None


def departments_of(jurisdiction: Jurisdiction) -> QuerySet[Department]:
    return Department.objects.filter(jurisdiction=jurisdiction).order_by("name")


def department_of(jurisdiction: Jurisdiction, pk: int) -> Department:
    try:
        return departments_of(jurisdiction).get(pk=pk)
    except (Department.DoesNotExist, ValueError, OverflowError):
        raise NotFound(
            _("No department %(id)s in %(city)s.") % {"id": pk, "city": jurisdiction}
        ) from None


def _routing(jurisdiction: Jurisdiction, department_id: int | None) -> Department | None:
    """The department a service routes to: one of the same city's, or none."""
    if department_id is None:
        return None
    found = Department.objects.filter(jurisdiction=jurisdiction, pk=department_id).first()
    if found is None:
        raise DomainError(
            _("%(city)s has no department %(id)s.") % {"city": jurisdiction, "id": department_id},
            status=INVALID,
        )
    return found


@dataclass
class ServiceFields:
    """What an administrator gives for a service. Texts are `{language: text}`."""

    code: str
    names: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    department_id: int | None = None
    target_hours: int | None = None
    active: bool = True
    kind: str = Service.Kind.REALTIME


def _snapshot(service: Service) -> dict[str, Any]:
    return {
        "code": service.code,
        "names": texts_of(service, "name"),
        "groups": texts_of(service, "group"),
        "descriptions": texts_of(service, "description"),
        "keywords": list(service.keywords),
        "department": service.department_id,
        "target_hours": service.target_hours,
        "active": service.active,
        "kind": service.kind,
    }


def _apply(service: Service, jurisdiction: Jurisdiction, changes: dict[str, Any]) -> None:
    """Validate and set the given fields (those of `ServiceFields`) on the service."""
    if "code" in changes:
        code = str(changes["code"] or "").strip()
        _refuse(rules.code_problem(code))
        service.code = code
    for name, key in (("name", "names"), ("description", "descriptions"), ("group", "groups")):
        if key in changes:
            _write_texts(service, name, dict(changes[key] or {}), jurisdiction)
    if "keywords" in changes:
        keywords, problem = rules.clean_keywords(list(changes["keywords"] or []))
        _refuse(problem)
        service.keywords = keywords
    if "department_id" in changes:
        service.department = _routing(jurisdiction, changes["department_id"])
    if "target_hours" in changes:
        _refuse(rules.target_hours_problem(changes["target_hours"]))
        service.target_hours = changes["target_hours"]
    if "active" in changes:
        service.active = bool(changes["active"])
    if "kind" in changes:
        if changes["kind"] not in Service.Kind.values:
            raise DomainError(
                _("The type is one of %(kinds)s.") % {"kinds": ", ".join(Service.Kind.values)},
                status=INVALID,
            )
        service.kind = changes["kind"]
    main = languages.first_language(jurisdiction)
    if not getattr(service, f"name_{_column(main)}", ""):
        raise DomainError(
            _("Give the service's name in %(language)s, the city's main language.")
            % {"language": _language_name(main)},
            status=INVALID,
        )


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _code_taken(jurisdiction: Jurisdiction, code: str) -> DomainError:
    return DomainError(
        _("%(city)s already has a service with the code '%(code)s'.")
        % {"city": jurisdiction, "code": code},
        status=CONFLICT,
    )


def create_service(
    actor: Any,
    jurisdiction: Jurisdiction,
    fields: ServiceFields,
    attributes: list[AttributeFields] | None = None,
) -> Service:
    """Offer a new service (with its questions, if given); intake offers it at once."""
    require_admin(actor, jurisdiction)
    changes = {k: getattr(fields, k) for k in ServiceFields.__dataclass_fields__}
    try:
        with transaction.atomic():
            # One city's services are created one at a time: its row is the lock.
            Jurisdiction.objects.select_for_update().filter(pk=jurisdiction.pk).first()
            service = Service(jurisdiction=jurisdiction)
            _apply(service, jurisdiction, changes)
            if Service.objects.filter(jurisdiction=jurisdiction, code=service.code).exists():
                raise _code_taken(jurisdiction, service.code)
            service.position = (
                Service.objects.filter(jurisdiction=jurisdiction).aggregate(n=Max("position"))["n"]
                or 0
            ) + 1
            full_clean_or_refuse(service)
            service.save()
            for order, attribute in enumerate(attributes or [], start=1):
                _save_attribute(ServiceAttribute(service=service, order=order), attribute, service)
            audit.record(actor, "create_service", service, after=_snapshot(service))
            _invalidate()
    except IntegrityError:
        # Another request took the code between our check and our insert.
        if Service.objects.filter(jurisdiction=jurisdiction, code=fields.code.strip()).exists():
            raise _code_taken(jurisdiction, fields.code.strip()) from None
        raise
    return service


def _has_reports(service: Service) -> bool:
    return Report.objects.filter(jurisdiction_id=service.jurisdiction_id, service=service).exists()


def update_service(actor: Any, service: Service, **changes: Any) -> Service:
    """Change some of a service's fields (the names of `ServiceFields`): `active=False`
    withdraws it from intake (a service is never deleted: its reports keep it). Its code is
    fixed once a report carries it (clients and exports know the report by it)."""
    jurisdiction = service.jurisdiction
    require_admin(actor, jurisdiction)
    unknown = set(changes) - set(ServiceFields.__dataclass_fields__)
    if unknown:
        raise TypeError(f"update_service: unknown fields {sorted(unknown)}")
    try:
        with transaction.atomic():
            locked = Service.objects.select_for_update().get(pk=service.pk)
            before = _snapshot(locked)
            new_code = str(changes.get("code", locked.code) or "").strip()
            if new_code != locked.code:
                if _has_reports(locked):
                    raise DomainError(
                        _(
                            "The code of '%(code)s' cannot change: reports carry it. Withdraw "
                            "the service and create another instead."
                        )
                        % {"code": locked.code},
                        status=CONFLICT,
                    )
                if Service.objects.filter(jurisdiction=jurisdiction, code=new_code).exists():
                    raise _code_taken(jurisdiction, new_code)
            _apply(locked, jurisdiction, changes)
            full_clean_or_refuse(locked)
            locked.save()
            after = _snapshot(locked)
            audit.record(
                actor,
                "update_service",
                locked,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
            _invalidate()
    except IntegrityError:
        raise _code_taken(jurisdiction, str(changes.get("code", ""))) from None
    return locked


# --- Questions (Open311 attributes) ----------------------------------------------------------


@dataclass
class AttributeFields:
    """A question of a service. `description` is the question, `datatype_description` its
    help, both in the city's main language unless given per language."""

    code: str
    description: str
    datatype: str
    required: bool = False
    variable: bool = True
    datatype_description: str = ""
    values: list[dict[str, str]] = field(default_factory=list)
    descriptions: dict[str, str] = field(default_factory=dict)


def _save_attribute(attribute: ServiceAttribute, fields: AttributeFields, service: Service) -> None:
    jurisdiction = service.jurisdiction
    code = fields.code.strip()
    _refuse(rules.code_problem(code))
    values = [
        {"key": str(v.get("key", "")).strip(), "name": str(v.get("name", "")).strip()}
        for v in fields.values
    ]
    _refuse(rules.attribute_values_problem(fields.datatype, values))
    if attribute.code and attribute.code != code and _has_reports(service):
        raise DomainError(
            _("The code of the question '%(code)s' cannot change: reports answered it.")
            % {"code": attribute.code},
            status=CONFLICT,
        )
    taken = ServiceAttribute.objects.filter(service=service, code=code).exclude(pk=attribute.pk)
    if taken.exists():
        raise DomainError(
            _("The service already asks a question with the code '%(code)s'.") % {"code": code},
            status=CONFLICT,
        )
    main = languages.first_language(jurisdiction)
    attribute.code = code
    attribute.datatype = fields.datatype
    attribute.required = fields.required
    attribute.variable = fields.variable
    _write_texts(
        attribute, "description", {main: fields.description, **fields.descriptions}, jurisdiction
    )
    if not attribute.description:
        raise DomainError(_("Write the question."), status=INVALID)
    _write_texts(
        attribute, "datatype_description", {main: fields.datatype_description}, jurisdiction
    )
    # Every language's column holds the same keys (intake checks an answer against the
    # reader's), so the choices are written to each.
    for language_code, _label in settings.LANGUAGES:
        setattr(attribute, f"values_{_column(language_code)}", values)
    with translation.override(settings.LANGUAGE_CODE):
        attribute.values = values
    full_clean_or_refuse(attribute)
    try:
        with transaction.atomic():
            attribute.save()
    except IntegrityError:
        raise DomainError(
            _("The service already asks a question with the code '%(code)s'.") % {"code": code},
            status=CONFLICT,
        ) from None


def _attribute_snapshot(attribute: ServiceAttribute) -> dict[str, Any]:
    return {
        "code": attribute.code,
        "description": texts_of(attribute, "description"),
        "datatype": attribute.datatype,
        "required": attribute.required,
        "variable": attribute.variable,
        "values": list(attribute.values),
        "order": attribute.order,
    }


def _locked_service(service: Service) -> Service:
    return Service.objects.select_related("jurisdiction").select_for_update().get(pk=service.pk)


def add_attribute(actor: Any, service: Service, fields: AttributeFields) -> ServiceAttribute:
    """Ask one more question in a service, after its others."""
    require_admin(actor, service.jurisdiction)
    with transaction.atomic():
        locked = _locked_service(service)
        last = locked.attributes.aggregate(n=Max("order"))["n"]
        attribute = ServiceAttribute(service=locked, order=(last or 0) + 1)
        _save_attribute(attribute, fields, locked)
        audit.record(
            actor, "add_service_attribute", attribute, after=_attribute_snapshot(attribute)
        )
        _invalidate()
    return attribute


def attribute_of(service: Service, pk: int) -> ServiceAttribute:
    try:
        return ServiceAttribute.objects.select_related("service__jurisdiction").get(
            service=service, pk=pk
        )
    except (ServiceAttribute.DoesNotExist, ValueError, OverflowError):
        raise NotFound(_("No such question in this service.")) from None


def update_attribute(
    actor: Any, attribute: ServiceAttribute, fields: AttributeFields
) -> ServiceAttribute:
    service = attribute.service
    require_admin(actor, service.jurisdiction)
    with transaction.atomic():
        locked_service = _locked_service(service)
        try:
            locked = ServiceAttribute.objects.select_for_update().get(pk=attribute.pk)
        except ServiceAttribute.DoesNotExist:
            raise NotFound(_("No such question in this service.")) from None
        before = _attribute_snapshot(locked)
        _save_attribute(locked, fields, locked_service)
        audit.record(
            actor,
            "update_service_attribute",
            locked,
            before=before,
            after=_attribute_snapshot(locked),
        )
        _invalidate()
    return locked


def remove_attribute(actor: Any, attribute: ServiceAttribute) -> None:
    """The service no longer asks the question. Reports that answered it keep their answers
    (they are the report's own: `Report.attributes`), shown under the question's code."""
    service = attribute.service
    require_admin(actor, service.jurisdiction)
    with transaction.atomic():
        _locked_service(service)
        found = ServiceAttribute.objects.filter(pk=attribute.pk).first()
        if found is None:
            raise NotFound(_("No such question in this service."))
        audit.record(actor, "remove_service_attribute", found, before=_attribute_snapshot(found))
        found.delete()
        _renumber(service, [a.pk for a in service.attributes.order_by("order", "pk")])
        _invalidate()


def _renumber(service: Service, pks: list[int]) -> None:
    for order, pk in enumerate(pks, start=1):
        ServiceAttribute.objects.filter(service=service, pk=pk).update(order=order)


def reorder_attributes(actor: Any, service: Service, codes: list[str]) -> list[ServiceAttribute]:
    """Ask the service's questions in this order (every code once)."""
    require_admin(actor, service.jurisdiction)
    with transaction.atomic():
        _locked_service(service)
        current = {a.code: a for a in service.attributes.all()}
        if sorted(codes) != sorted(current):
            raise DomainError(
                _("Give the order of every question of the service, each once: %(codes)s.")
                % {"codes": ", ".join(sorted(current))},
                status=INVALID,
            )
        before = [a.code for a in sorted(current.values(), key=lambda a: (a.order, a.pk))]
        _renumber(service, [current[code].pk for code in codes])
        audit.record(
            actor,
            "reorder_service_attributes",
            service,
            before={"order": before},
            after={"order": codes},
        )
        _invalidate()
    return list(service.attributes.order_by("order"))


def move_attribute(actor: Any, attribute: ServiceAttribute, offset: int) -> None:
    """Ask the question one place earlier (-1) or later (+1)."""
    service = attribute.service
    codes = list(service.attributes.order_by("order", "pk").values_list("code", flat=True))
    if attribute.code not in codes:
        raise NotFound(_("No such question in this service."))
    at = codes.index(attribute.code)
    to = max(0, min(len(codes) - 1, at + offset))
    codes.insert(to, codes.pop(at))
    reorder_attributes(actor, service, codes)


def set_attributes(
    actor: Any, service: Service, wanted: list[AttributeFields]
) -> list[ServiceAttribute]:
    """The service asks exactly these questions, in this order (the API's PATCH): questions
    of the same code are updated, new ones added, the others removed (answers stay)."""
    require_admin(actor, service.jurisdiction)
    codes = [w.code.strip() for w in wanted]
    if len(set(codes)) != len(codes):
        raise DomainError(_("Each question has a code of its own."), status=INVALID)
    with transaction.atomic():
        locked = _locked_service(service)
        current = {a.code: a for a in locked.attributes.all()}
        before = [_attribute_snapshot(a) for a in current.values()]
        for gone in set(current) - set(codes):
            current[gone].delete()
        for order, fields in enumerate(wanted, start=1):
            attribute = current.get(fields.code.strip()) or ServiceAttribute(service=locked)
            attribute.order = order
            _save_attribute(attribute, fields, locked)
        after = [_attribute_snapshot(a) for a in locked.attributes.order_by("order")]
        audit.record(
            actor,
            "set_service_attributes",
            locked,
            before={"attributes": before},
            after={"attributes": after},
        )
        _invalidate()
    return list(locked.attributes.order_by("order"))


# --- Departments -----------------------------------------------------------------------------


def _department_snapshot(department: Department) -> dict[str, Any]:
    return {"names": texts_of(department, "name"), "email": department.email}


def _name_taken(jurisdiction: Jurisdiction, name: str) -> DomainError:
    return DomainError(
        _("%(city)s already has a department named '%(name)s'.")
        % {"city": jurisdiction, "name": name},
        status=CONFLICT,
    )


def _save_department(
    department: Department,
    jurisdiction: Jurisdiction,
    names: dict[str, str] | None,
    email: str | None,
) -> None:
    if names is not None:
        _write_texts(department, "name", names, jurisdiction)
    main = languages.first_language(jurisdiction)
    if not getattr(department, f"name_{_column(main)}", ""):
        raise DomainError(
            _("Give the department's name in %(language)s, the city's main language.")
            % {"language": _language_name(main)},
            status=INVALID,
        )
    if email is not None:
        department.email = email.strip()
    # One name per department in each language (a reader picks it from a list).
    others = Department.objects.filter(jurisdiction=jurisdiction).exclude(pk=department.pk)
    for code, text in [("", department.name), *texts_of(department, "name").items()]:
        column = f"name_{_column(code)}" if code else "name"
        if others.filter(**{column: text}).exists():
            raise _name_taken(jurisdiction, text)
    full_clean_or_refuse(department)
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError:
        raise _name_taken(jurisdiction, department.name) from None


def create_department(
    actor: Any, jurisdiction: Jurisdiction, names: dict[str, str], email: str = ""
) -> Department:
    """A department reports are routed to, told of them at its e-mail address."""
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        Jurisdiction.objects.select_for_update().filter(pk=jurisdiction.pk).first()
        department = Department(jurisdiction=jurisdiction)
        _save_department(department, jurisdiction, names, email)
        audit.record(actor, "create_department", department, after=_department_snapshot(department))
        _invalidate()
    return department


def update_department(
    actor: Any,
    department: Department,
    *,
    names: dict[str, str] | None = None,
    email: str | None = None,
) -> Department:
    jurisdiction = department.jurisdiction
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        locked = Department.objects.select_for_update().get(pk=department.pk)
        before = _department_snapshot(locked)
        _save_department(locked, jurisdiction, names, email)
        audit.record(
            actor,
            "update_department",
            locked,
            before=before,
            after=_department_snapshot(locked),
        )
        _invalidate()
    return locked
