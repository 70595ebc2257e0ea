"""Forms of the assessment pages. The questionnaire is data, so its form is built from the
instrument's rules: one step per section, then the sectoral systems (CeDS) or the targets
(maturity model). A step's fields carry the value to show (the stored answer, or what the
person just typed when a save was refused) and the problem with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from intercity.assessment import rules

SYSTEMS_STEP = "systems"
TARGETS_STEP = "targets"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuestionField:
    question: rules.Question
    help: str
    name: str
    value: Any
    error: str = ""
    choices: tuple[Choice, ...] = ()
    evidence_shown: bool = True  # the evidence note applies to the answer shown
    shown_when_answers: str = ""  # for the script: the answers that show this follow-up
    evidence_when_answers: str = ""  # for the script: the answers that ask for evidence

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    @property
    def id(self) -> str:
        return f"q-{self.question.code}"

    @property
    def describedby(self) -> str:
        """The ids of the help text and the error shown, for aria-describedby."""
        ids = [f"{self.id}-help"] if self.help else []
        return " ".join(ids + ([self.error_id] if self.error else []))

    @property
    def widget(self) -> str:
        return {
            rules.QuestionType.SCALE: "radio",
            rules.QuestionType.YES_NO: "radio",
            rules.QuestionType.SINGLE: "radio",
            rules.QuestionType.MULTIPLE: "checkbox",
            rules.QuestionType.NUMBER: "number",
            rules.QuestionType.TEXT: "text",
        }[self.question.type]


# The same context as the written-out answers (results): elsewhere "Yes" and "No" are votes.
YES_NO = "an answer to a yes-or-no question"


def _choices(question: rules.Question, value: Any) -> tuple[Choice, ...]:
    shown = value if isinstance(value, list) else [value]
    chosen = {str(v).lower() if isinstance(v, bool) else str(v) for v in shown if v is not None}
    kind = question.type
    if kind == rules.QuestionType.SCALE:
        return tuple(
            Choice(str(n), question.scale_labels.get(n, str(n)), str(n) in chosen)
            for n in range(question.scale_min, question.scale_max + 1)
        )
    if kind == rules.QuestionType.YES_NO:
        return (
            Choice("yes", pgettext(YES_NO, "Yes"), bool(chosen & {"yes", "true"})),
            Choice("no", pgettext(YES_NO, "No"), bool(chosen & {"no", "false"})),
        )
    if kind in (rules.QuestionType.SINGLE, rules.QuestionType.MULTIPLE):
        return tuple(Choice(o.value, o.label, o.value in chosen) for o in question.options)
    return ()


def section_fields(
    section: rules.Section,
    helps: Mapping[str, str],
    values: Mapping[str, Any],
    errors: Mapping[str, str] | None = None,
) -> list[QuestionField]:
    errors = errors or {}
    return [
        QuestionField(
            question=q,
            help=helps.get(q.code, ""),
            name=f"q-{q.code}",
            value=values.get(q.code),
            error=errors.get(q.code, ""),
            choices=_choices(q, values.get(q.code)),
            # The stored or typed answers decide the first view; the script follows changes.
            evidence_shown=rules.evidence_for(q, values).evidence != rules.Evidence.NONE,
            shown_when_answers=" ".join(sorted(q.shown_when.answers)) if q.shown_when else "",
            evidence_when_answers=" ".join(sorted(q.evidence_when)),
        )
        for q in section.questions
    ]


def answers_from(section: rules.Section, data: QueryDict) -> dict[str, Any]:
    """The answers of one step as posted: every question of the section is on the page, so
    a question posted empty (or a multiple choice with nothing ticked) is cleared."""
    found: dict[str, Any] = {}
    for question in section.questions:
        name = f"q-{question.code}"
        if question.type == rules.QuestionType.MULTIPLE:
            found[question.code] = data.getlist(name)
        else:
            found[question.code] = data.get(name, "")
    return found


class StartForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Instrument"))
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)

    def __init__(self, instruments: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["instrument"]).choices = list(instruments)


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[("accepted", _("Accept")), ("returned", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the city"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning: say what to change."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment to the city on this answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceForm(forms.Form):
    question = forms.ChoiceField(label=_("Question"))
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, PNG or JPEG image, or office document; up to the size shown above."),
    )
    link = forms.URLField(
        label=_("…or a link"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, questions: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["question"]).choices = list(questions)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("link")):
            raise forms.ValidationError(_("Give either a document or a link."))
        return data


class BenchmarkForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Compare with"),
        choices=[
            ("region", _("Cities of my region")),
            ("population", _("Cities of my population band")),
            ("all", _("Every assessed city")),
            ("cities", _("Cities I choose")),
        ],
        initial="region",
    )
    # A list of checkboxes (with a filter box when scripts run), not a multi-select that
    # needs Ctrl-click.
    cities = forms.MultipleChoiceField(
        label=_("Cities (when comparing with chosen cities)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, cities: Sequence[tuple[int, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["cities"]).choices = [
            (str(pk), name) for pk, name in cities
        ]
