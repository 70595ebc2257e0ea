"""The REST API: one NinjaAPI, each installed module's routers (from its manifest, in
INSTALLED_APPS order) mounted under /api/v1/."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from intercity.core import modules
from intercity.core.api_errors import authentication_required, validation_message
from intercity.core.errors import DomainError

api = NinjaAPI(
    title="Intercity API",
    version="1",
    description=(
        "The operating platform of a network of cities. Errors come back as "
        '`{"detail": ...}` with a 4xx status naming the problem.'
    ),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
for manifest in modules.installed():
    for router in manifest.api:
        api.add_router("/v1/", modules.load_object(router))


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    # Errors that name several fields (answers of an assessment) list them as validation does.
    detail = getattr(exc, "details", None) or exc.message
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", ()))
        problems.append({"field": location, "message": validation_message(error)})
    return api.create_response(request, {"detail": problems}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": authentication_required()}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
