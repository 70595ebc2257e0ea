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


def full_clean_or_refuse(instance: object, *, fields_only: bool = False) -> None:
    """Run a model's validation; a problem becomes one DomainError naming each field.

    `fields_only` checks each value (length, choice, format) but not the related rows'
    existence or uniqueness: for a hot path whose caller loaded the related rows itself and
    whose unique values are random (a report's tracking id), where those checks are queries
    the database constraints already make."""
    from django.core.exceptions import ValidationError

    try:
        if fields_only:
            relations = [f.name for f in instance._meta.fields if f.is_relation]  # type: ignore[attr-defined]
            instance.clean_fields(exclude=relations)  # type: ignore[attr-defined]
        else:
            instance.full_clean()  # type: ignore[attr-defined]
    except ValidationError as exc:
        problems = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
        raise DomainError("; ".join(problems)) from exc
