"""The CPS content written per language (intercity/core/translated.py has the project's rules):
a jurisdiction's name, its departments, services (name, description, group), their questions
(the question, its help and the names of its choices), its statuses and workflow moves, its
response templates. The Secretariat or a city adds a language in the admin, without code."""

from modeltranslation.translator import TranslationOptions, register

from intercity.participation.languages import JurisdictionFallbacks
from intercity.participation.models import (
    Department,
    Jurisdiction,
    ResponseTemplate,
    Service,
    ServiceAttribute,
    Status,
    Transition,
)

FALLBACKS = JurisdictionFallbacks()


@register(Jurisdiction)
class JurisdictionTranslation(TranslationOptions):
    fields = ("name",)
    fallback_languages = FALLBACKS


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)
    fallback_languages = FALLBACKS


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description", "group")
    fallback_languages = FALLBACKS


@register(ServiceAttribute)
class ServiceAttributeTranslation(TranslationOptions):
    fields = ("description", "datatype_description", "values")
    fallback_languages = FALLBACKS


@register(Status)
class StatusTranslation(TranslationOptions):
    fields = ("name",)
    fallback_languages = FALLBACKS


@register(Transition)
class TransitionTranslation(TranslationOptions):
    fields = ("name",)
    fallback_languages = FALLBACKS


@register(ResponseTemplate)
class ResponseTemplateTranslation(TranslationOptions):
    fields = ("title", "body")
    fallback_languages = FALLBACKS
