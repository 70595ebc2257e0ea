"""The instruments' content in several languages (django-modeltranslation; the project's
rules are in ``intercity.core.translated``). Each registered field gains ``<field>_en``,
``<field>_ko``, ``<field>_zh_hans``, ``<field>_ru`` and ``<field>_es``; reading the field gives
the reader's language, English where no translation was written. The seed loader fills the
columns from ``seed_data/translations/<lang>/``; the Secretariat adds or corrects languages in
the admin.

JSON fields hold text beside codes and numbers (a version's level names, a question's scale
labels and options, a module's guideline, a step's outputs): their translation is a copy of
the whole value with the same codes and numbers and only the words in the other language."""

from modeltranslation.translator import TranslationOptions, register

from intercity.assessment.models import (
    ChallengeGroup,
    Instrument,
    InstrumentVersion,
    MasterPlanPhase,
    MasterPlanStep,
    PeerPolicy,
    Question,
    Section,
    SectoralModule,
)


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(InstrumentVersion)
class InstrumentVersionTranslation(TranslationOptions):
    fields = ("levels",)


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help", "config")


@register(ChallengeGroup)
class ChallengeGroupTranslation(TranslationOptions):
    fields = ("name", "description", "workshop_topics")


@register(SectoralModule)
class SectoralModuleTranslation(TranslationOptions):
    fields = ("name", "summary", "guideline")


@register(MasterPlanPhase)
class MasterPlanPhaseTranslation(TranslationOptions):
    fields = ("name", "purpose")


@register(MasterPlanStep)
class MasterPlanStepTranslation(TranslationOptions):
    fields = ("title", "detail", "outputs")


@register(PeerPolicy)
class PeerPolicyTranslation(TranslationOptions):
    fields = ("population_bands",)
