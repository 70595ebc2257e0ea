"""The catalog's shared words in several languages (django-modeltranslation; the project's
rules are in ``intercity.core.translated``): the clusters' names and descriptions, the SDGs'
names, a journal issue's title and editorial. A project is written in its city's language and
says which (`Project.language`)."""

from modeltranslation.translator import TranslationOptions, register

from intercity.knowledge.models import Cluster, JournalIssue, Sdg


@register(Sdg)
class SdgTranslation(TranslationOptions):
    fields = ("name",)


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ("name", "description")


@register(JournalIssue)
class JournalIssueTranslation(TranslationOptions):
    fields = ("title", "editorial")
