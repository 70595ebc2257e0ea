"""Errors a person can fix. Services raise them; views show them as form errors, the API as 4xx."""


class DomainError(Exception):
    """A request that breaks a rule: refused with a message, nothing saved."""

    status_code = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status_code = status


class NotFound(DomainError):
    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


def full_clean_or_refuse(instance: object) -> None:
    """Run a model's validation; a problem becomes one DomainError naming each field."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean()  # type: ignore[attr-defined]
    except ValidationError as exc:
        problems = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
        raise DomainError("; ".join(problems)) from exc
