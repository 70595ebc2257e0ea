"""The set-up API of the Civic Participation System, for a city's CPS administrator: its
services (with their questions) and its departments, under Open311's field names.

`GET|POST /cps/{city}/services`, `GET|PATCH /cps/{city}/services/{code}`,
`GET|POST /cps/{city}/departments`, `GET|PATCH /cps/{city}/departments/{id}`. A change
is an action of `participation.setup` (audited), and Open311's `services.json` shows it at
once. 401 signed out, 403 not the city's administrator, 404 no such city/service/department,
409 a code or name the city already has (or a code reports carry), 422 bad input.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut
from intercity.participation import languages, rules, setup, tenancy
from intercity.participation.models import Department, Jurisdiction, Service, ServiceAttribute

router = Router(tags=["cps"])

ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}

# Text without NUL (PostgreSQL stores none) and within its column.
NO_NUL = r"^[^\x00]*$"
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
Name = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
Language = Annotated[str, Field(min_length=2, max_length=10, pattern=r"^[A-Za-z_-]+$")]
Keyword = Annotated[str, Field(max_length=rules.MAX_KEYWORD_LENGTH, pattern=NO_NUL)]
Hours = Annotated[int, Field(ge=1, le=rules.MAX_TARGET_HOURS)]
Datatype = Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]


class ValueSchema(Schema):
    key: Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]


class AttributeSchema(Schema):
    code: Code
    datatype: Datatype
    description: Annotated[str, Field(min_length=1, max_length=300, pattern=NO_NUL)] = Field(
        description="The question, in the city's main language."
    )
    required: bool = False
    variable: bool = True
    datatype_description: Annotated[str, Field(max_length=300, pattern=NO_NUL)] = ""
    order: Annotated[int, Field(ge=0, le=32767)] = Field(
        0, description="Its place among the service's questions (they are listed in order)."
    )
    values: list[ValueSchema] = Field(
        default_factory=list, max_length=200, description="The choices of a list question."
    )


class ServiceOut(Schema):
    service_code: str
    service_name: str = Field(description="In the reader's language, else the city's.")
    service_name_translations: dict[str, str] = Field(description="{language: name}")
    description: str
    group: str
    keywords: list[str]
    department: int | None = Field(description="The id of the department it is routed to.")
    target_hours: int | None
    active: bool
    type: str
    metadata: bool = Field(description="Whether it asks questions (Open311).")
    attributes: list[AttributeSchema]


class ServiceIn(Schema):
    service_code: Code
    service_name: Name = Field(
        "", description="The name in the city's main language (or give the translations)."
    )
    service_name_translations: dict[Language, Name] = Field(
        default_factory=dict, description="{language: name}; overrides service_name."
    )
    description: Annotated[str, Field(max_length=2000, pattern=NO_NUL)] = ""
    group: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""
    keywords: list[Keyword] = Field(default_factory=list, max_length=rules.MAX_KEYWORDS)
    department: DbId | None = None
    target_hours: Hours | None = None
    active: bool = True
    type: Literal["realtime", "batch", "blackbox"] = "realtime"
    attributes: list[AttributeSchema] = Field(default_factory=list, max_length=100)


class ServicePatch(Schema):
    """Only the fields given change; `attributes`, when given, is the whole list of questions
    (those left out are removed; answers already given stay with their reports)."""

    service_code: Code | None = None
    service_name: Name | None = None
    service_name_translations: dict[Language, Name] | None = None
    description: Annotated[str, Field(max_length=2000, pattern=NO_NUL)] | None = None
    group: Annotated[str, Field(max_length=100, pattern=NO_NUL)] | None = None
    keywords: list[Keyword] | None = Field(None, max_length=rules.MAX_KEYWORDS)
    department: DbId | None = None
    target_hours: Hours | None = None
    active: bool | None = None
    type: Literal["realtime", "batch", "blackbox"] | None = None
    attributes: list[AttributeSchema] | None = Field(None, max_length=100)


class DepartmentOut(Schema):
    id: int
    name: str = Field(description="In the reader's language, else the city's.")
    name_translations: dict[str, str]
    email: str


class DepartmentIn(Schema):
    name: Name = Field("", description="The name in the city's main language.")
    name_translations: dict[Language, Name] = Field(default_factory=dict)
    email: Annotated[str, Field(max_length=254, pattern=NO_NUL)] = ""


class DepartmentPatch(Schema):
    name: Name | None = None
    name_translations: dict[Language, Name] | None = None
    email: Annotated[str, Field(max_length=254, pattern=NO_NUL)] | None = None


def _city(request: HttpRequest, city: str) -> Jurisdiction:
    return tenancy.admin_jurisdiction(request.user, city)


def _attribute_out(attribute: ServiceAttribute) -> dict[str, Any]:
    return {
        "code": attribute.code,
        "datatype": attribute.datatype,
        "description": attribute.description,
        "required": attribute.required,
        "variable": attribute.variable,
        "datatype_description": attribute.datatype_description,
        "order": attribute.order,
        "values": [
            {"key": str(v.get("key", "")), "name": str(v.get("name", ""))} for v in attribute.values
        ],
    }


def _service_out(service: Service) -> dict[str, Any]:
    questions = sorted(service.attributes.all(), key=lambda a: (a.order, a.pk))
    return {
        "service_code": service.code,
        "service_name": service.name,
        "service_name_translations": setup.texts_of(service, "name"),
        "description": service.description,
        "group": service.group,
        "keywords": list(service.keywords),
        "department": service.department_id,
        "target_hours": service.target_hours,
        "active": service.active,
        "type": service.kind,
        "metadata": bool(questions),
        "attributes": [_attribute_out(a) for a in questions],
    }


def _names(
    jurisdiction: Jurisdiction, name: str | None, translations: dict[str, str] | None
) -> Any:
    """{language: name}: `name` is the city's main language's, the translations override it."""
    texts: dict[str, str] = {}
    if name:
        texts[languages.first_language(jurisdiction)] = name
    texts.update({setup.site_language(code): text for code, text in (translations or {}).items()})
    return texts


def _main(jurisdiction: Jurisdiction, text: str) -> dict[str, str]:
    return {languages.first_language(jurisdiction): text}


def _attributes(given: list[AttributeSchema]) -> list[setup.AttributeFields]:
    ordered = sorted(enumerate(given), key=lambda pair: (pair[1].order, pair[0]))
    return [
        setup.AttributeFields(
            code=a.code,
            description=a.description,
            datatype=a.datatype,
            required=a.required,
            variable=a.variable,
            datatype_description=a.datatype_description,
            values=[v.dict() for v in a.values],
        )
        for _position, a in ordered
    ]


def _reloaded(service: Service) -> dict[str, Any]:
    return _service_out(setup.service_of(service.jurisdiction, service.code))


@router.get(
    "/cps/{city}/services",
    response={200: list[ServiceOut], **ERRORS},
    auth=signed_in,
    summary="A city's services, withdrawn ones too (its CPS administrator)",
)
def service_list(request: HttpRequest, city: str) -> list[dict[str, Any]]:
    return [_service_out(s) for s in setup.services_of(_city(request, city))]


@router.post(
    "/cps/{city}/services",
    response={201: ServiceOut, **ERRORS},
    auth=signed_in,
    summary="Offer a new service, with its questions",
)
def service_create(request: HttpRequest, city: str, payload: ServiceIn) -> Status[dict[str, Any]]:
    jurisdiction = _city(request, city)
    service = setup.create_service(
        request.user,
        jurisdiction,
        setup.ServiceFields(
            code=payload.service_code,
            names=_names(jurisdiction, payload.service_name, payload.service_name_translations),
            descriptions=_main(jurisdiction, payload.description),
            groups=_main(jurisdiction, payload.group),
            keywords=list(payload.keywords),
            department_id=payload.department,
            target_hours=payload.target_hours,
            active=payload.active,
            kind=payload.type,
        ),
        _attributes(payload.attributes),
    )
    return Status(201, _reloaded(service))


@router.get(
    "/cps/{city}/services/{code}",
    response={200: ServiceOut, **ERRORS},
    auth=signed_in,
    summary="One service of a city, with its questions",
)
def service_detail(request: HttpRequest, city: str, code: str) -> dict[str, Any]:
    return _service_out(setup.service_of(_city(request, city), code))


@router.patch(
    "/cps/{city}/services/{code}",
    response={200: ServiceOut, **ERRORS},
    auth=signed_in,
    summary="Change a service (active: false withdraws it)",
)
def service_update(
    request: HttpRequest, city: str, code: str, payload: ServicePatch
) -> dict[str, Any]:
    jurisdiction = _city(request, city)
    service = setup.service_of(jurisdiction, code)
    given = payload.dict(exclude_unset=True)
    changes: dict[str, Any] = {}
    if given.get("service_code") is not None:
        changes["code"] = given["service_code"]
    if given.get("service_name") or given.get("service_name_translations"):
        changes["names"] = _names(
            jurisdiction, given.get("service_name"), given.get("service_name_translations")
        )
    if given.get("description") is not None:
        changes["descriptions"] = _main(jurisdiction, given["description"])
    if given.get("group") is not None:
        changes["groups"] = _main(jurisdiction, given["group"])
    if given.get("keywords") is not None:
        changes["keywords"] = given["keywords"]
    if "department" in given:
        changes["department_id"] = given["department"]
    if "target_hours" in given:
        changes["target_hours"] = given["target_hours"]
    if given.get("active") is not None:
        changes["active"] = given["active"]
    if given.get("type") is not None:
        changes["kind"] = given["type"]
    if changes:
        service = setup.update_service(request.user, service, **changes)
    if payload.attributes is not None:
        setup.set_attributes(request.user, service, _attributes(payload.attributes))
    return _reloaded(service)


def _department_out(department: Department) -> dict[str, Any]:
    return {
        "id": department.pk,
        "name": department.name,
        "name_translations": setup.texts_of(department, "name"),
        "email": department.email,
    }


@router.get(
    "/cps/{city}/departments",
    response={200: list[DepartmentOut], **ERRORS},
    auth=signed_in,
    summary="A city's departments (its CPS administrator)",
)
def department_list(request: HttpRequest, city: str) -> list[dict[str, Any]]:
    return [_department_out(d) for d in setup.departments_of(_city(request, city))]


@router.post(
    "/cps/{city}/departments",
    response={201: DepartmentOut, **ERRORS},
    auth=signed_in,
    summary="Add a department",
)
def department_create(
    request: HttpRequest, city: str, payload: DepartmentIn
) -> Status[dict[str, Any]]:
    jurisdiction = _city(request, city)
    department = setup.create_department(
        request.user,
        jurisdiction,
        _names(jurisdiction, payload.name, payload.name_translations),
        payload.email,
    )
    return Status(201, _department_out(department))


@router.get(
    "/cps/{city}/departments/{department_id}",
    response={200: DepartmentOut, **ERRORS},
    auth=signed_in,
    summary="One department of a city",
)
def department_detail(request: HttpRequest, city: str, department_id: DbId) -> dict[str, Any]:
    return _department_out(setup.department_of(_city(request, city), department_id))


@router.patch(
    "/cps/{city}/departments/{department_id}",
    response={200: DepartmentOut, **ERRORS},
    auth=signed_in,
    summary="Change a department's names or e-mail",
)
def department_update(
    request: HttpRequest, city: str, department_id: DbId, payload: DepartmentPatch
) -> dict[str, Any]:
    jurisdiction = _city(request, city)
    department = setup.department_of(jurisdiction, department_id)
    given = payload.dict(exclude_unset=True)
    names = None
    if given.get("name") or given.get("name_translations"):
        names = _names(jurisdiction, given.get("name"), given.get("name_translations"))
    department = setup.update_department(
        request.user, department, names=names, email=given.get("email")
    )
    return _department_out(department)
