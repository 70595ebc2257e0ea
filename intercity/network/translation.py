"""The registry's content in several languages (django-modeltranslation, decision 0015).

Each field listed here gains one column per language (``name_en``, ``name_ko``, ...); the
original column keeps the English text and every query runs on it (core.translated). The
seed sets the translations from ``seed_data/translations.yaml``; the Secretariat edits them in
the admin."""

from modeltranslation.translator import TranslationOptions, register

from intercity.network.models import (
    Body,
    MembershipCategory,
    Network,
    Organisation,
    Region,
    RegionalOffice,
)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(MembershipCategory)
class MembershipCategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(RegionalOffice)
class RegionalOfficeTranslation(TranslationOptions):
    fields = ("name",)
