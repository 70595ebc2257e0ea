"""Every schema in the API document has a name of its own.

The OpenAPI document keeps one component per name, so two classes with one name make the
document describe some operations with the other class's fields."""

from __future__ import annotations

import typing
from collections import defaultdict
from typing import Any

from ninja import Schema
from pydantic import BaseModel

from intercity.api import api


def _models_in(annotation: Any, seen: set[type]) -> None:
    """Every pydantic model an annotation names, nested in lists, unions and fields."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, seen)


def schemas_by_name() -> dict[str, set[type]]:
    """Each ninja Schema that any operation of any router reads or answers, by its name."""
    models: set[type] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for response_model in operation.response_models.values():
                    _models_in(response_model, models)
                for input_model in operation.models:
                    _models_in(input_model, models)
    names: dict[str, set[type]] = defaultdict(set)
    for model in models:
        # ninja wraps each response in a class of its own that the document never names
        if issubclass(model, Schema) and model.__name__ != "NinjaResponseSchema":
            names[model.__name__].add(model)
    return names


def test_the_api_reads_and_answers_schemas():
    names = schemas_by_name()
    assert "OrganisationOut" in names or len(names) > 20


def _clashes() -> dict[str, list[str]]:
    return {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in schemas_by_name().items()
        if len(classes) > 1
    }


def test_no_two_schemas_of_the_api_share_a_name():
    assert _clashes() == {}


def test_a_regional_office_is_described_with_its_own_assessments():
    document = api.get_openapi_schema()
    path = "/api/v1/networks/{slug}/regional-offices/{office_id}"
    reference = document["paths"][path]["get"]["responses"][200]["content"]["application/json"][
        "schema"
    ]["$ref"]
    detail = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assessment_ref = detail["properties"]["assessments"]["items"]["$ref"]
    assessment = document["components"]["schemas"][assessment_ref.rsplit("/", 1)[1]]
    assert {"recommendation", "findings", "decision"} <= set(assessment["properties"])
