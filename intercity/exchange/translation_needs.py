"""The needs part's words in several languages (django-modeltranslation, see
intercity.core.translated): the themes' names and descriptions."""

from modeltranslation.translator import TranslationOptions, register

from intercity.exchange.models_needs import Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
