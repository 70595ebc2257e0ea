"""Fuzz the API from its own OpenAPI document: no 5xx, every response as declared."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from intercity.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_its_openapi_document_says(case):
    # Every default check: no server error, status codes, content types and bodies as
    # declared, and bad input rejected with a 4xx.
    case.call_and_validate()
