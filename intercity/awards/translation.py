"""An award's own words in several languages (django-modeltranslation; the project's rules are
in ``intercity.core.translated``): an edition's title and terms, its categories and criteria."""

from modeltranslation.translator import TranslationOptions, register

from intercity.awards.models import Category, Criterion, Edition


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "terms")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description")
