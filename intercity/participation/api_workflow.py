"""A city's response templates through the API, for the city's CPS administrator only
(`tenancy.admin_jurisdiction`): list, add, read, change. Names are Open311-like snake_case;
a status and a service are named by their codes, as in Open311. Each handler parses, calls
one named action of `setup_workflow` and answers; a refusal is a 4xx `{"detail": ...}`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, Strict, StringConstraints

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut
from intercity.participation import setup_workflow, tenancy
from intercity.participation.models import ResponseTemplate

router = Router(tags=["participation"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **ERRORS}

# No database we run stores a NUL in text.
NO_NUL = r"^[^\x00]*$"
City = Annotated[str, StringConstraints(max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
Code = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Title = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
Body = Annotated[str, StringConstraints(max_length=5000, pattern=NO_NUL)]
Language = Literal["en", "ko", "zh-hans", "ru", "es"]
Position = Annotated[int, Strict(), Field(ge=0, le=32767)]


class ResponseTemplateText(BaseModel):
    title: Title
    body: Body


class ResponseTemplateIn(BaseModel):
    title: Title = Field(description="In English (the other languages in `translations`).")
    body: Body = Field(description="May use {report_id}, {service} and {city}.")
    status_code: Code | None = Field(None, description="The status it answers; null: any.")
    service_code: Code | None = Field(None, description="The service it fits; null: any.")
    active: Annotated[bool, Strict()] = True
    position: Position = 0
    translations: dict[Language, ResponseTemplateText] = Field(
        default_factory=dict, description="Title and body in other languages, by code."
    )


class ResponseTemplatePatch(BaseModel):
    title: Title | None = None
    body: Body | None = None
    status_code: Code | None = Field(None, description="Absent: unchanged; null: any status.")
    service_code: Code | None = Field(None, description="Absent: unchanged; null: any service.")
    active: Annotated[bool, Strict()] | None = None
    position: Position | None = None
    translations: dict[Language, ResponseTemplateText] | None = None


class ResponseTemplateOut(Schema):
    id: int
    title: str
    body: str
    status_code: str | None
    service_code: str | None
    active: bool
    position: int
    translations: dict[str, ResponseTemplateText]


def _english(template: ResponseTemplate, field: str) -> str:
    return str(getattr(template, setup_workflow.column(field, "en")) or "")


def _out(template: ResponseTemplate) -> dict[str, Any]:
    translations = {}
    for code in setup_workflow.LANGUAGE_CODES:
        title = getattr(template, setup_workflow.column("title", code)) or ""
        body = getattr(template, setup_workflow.column("body", code)) or ""
        if title or body:
            translations[code] = {"title": title, "body": body}
    return {
        "id": template.pk,
        # English, whoever asks (core/translated.py): the same text as the original column.
        "title": _english(template, "title"),
        "body": _english(template, "body"),
        "status_code": template.status.code if template.status else None,
        "service_code": template.service.code if template.service else None,
        "active": template.active,
        "position": template.position,
        "translations": translations,
    }


def _texts(
    title: str, body: str, translations: dict[Language, ResponseTemplateText]
) -> dict[str, setup_workflow.TemplateText]:
    texts = {
        str(code): setup_workflow.TemplateText(t.title, t.body) for code, t in translations.items()
    }
    texts["en"] = setup_workflow.TemplateText(title, body)
    return texts


@router.get(
    "/cps/{city}/templates",
    response={200: list[ResponseTemplateOut], **ERRORS},
    auth=signed_in,
    summary="A city's response templates (its CPS administrator)",
)
def list_templates(request: HttpRequest, city: City) -> list[dict[str, Any]]:
    jurisdiction = tenancy.admin_jurisdiction(request.user, city)
    return [_out(t) for t in setup_workflow.templates_of(jurisdiction)]


@router.post(
    "/cps/{city}/templates",
    response={201: ResponseTemplateOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Add a response template (the city's CPS administrator)",
)
def add_template(
    request: HttpRequest, city: City, payload: ResponseTemplateIn
) -> Status[dict[str, Any]]:
    jurisdiction = tenancy.admin_jurisdiction(request.user, city)
    template = setup_workflow.save_template(
        request.user,
        jurisdiction,
        texts=_texts(payload.title, payload.body, payload.translations),
        status=payload.status_code,
        service=payload.service_code,
        active=payload.active,
        position=payload.position,
    )
    return Status(201, _out(template))


@router.get(
    "/cps/{city}/templates/{template_id}",
    response={200: ResponseTemplateOut, **ERRORS},
    auth=signed_in,
    summary="One response template (the city's CPS administrator)",
)
def get_template(request: HttpRequest, city: City, template_id: DbId) -> dict[str, Any]:
    jurisdiction = tenancy.admin_jurisdiction(request.user, city)
    return _out(setup_workflow.template_of(jurisdiction, template_id))


@router.patch(
    "/cps/{city}/templates/{template_id}",
    response={200: ResponseTemplateOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a response template: the fields given (the city's CPS administrator)",
)
def change_template(
    request: HttpRequest, city: City, template_id: DbId, payload: ResponseTemplatePatch
) -> dict[str, Any]:
    jurisdiction = tenancy.admin_jurisdiction(request.user, city)
    template = setup_workflow.template_of(jurisdiction, template_id)
    given = payload.model_fields_set
    texts = None
    if given & {"title", "body", "translations"}:
        translations = {
            str(code): setup_workflow.TemplateText(t.title, t.body)
            for code, t in (payload.translations or {}).items()
        }
        english = translations.get("en") or setup_workflow.TemplateText(
            payload.title if payload.title is not None else _english(template, "title"),
            payload.body if payload.body is not None else _english(template, "body"),
        )
        if payload.title is not None or payload.body is not None:
            english = setup_workflow.TemplateText(
                payload.title if payload.title is not None else english.title,
                payload.body if payload.body is not None else english.body,
            )
        translations["en"] = english
        texts = translations
    saved = setup_workflow.save_template(
        request.user,
        jurisdiction,
        template,
        texts=texts,
        status=payload.status_code if "status_code" in given else ...,
        service=payload.service_code if "service_code" in given else ...,
        active=payload.active,
        position=payload.position,
    )
    return _out(saved)
