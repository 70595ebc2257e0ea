"""Forms of the governance pages: they validate input before a service runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intercity.core.bounds import BoundedDateField
from intercity.governance import effects as decision_effects
from intercity.governance import rules, services
from intercity.governance.models import Consent, Decision, Meeting, Participant, Vote
from intercity.network.models import Body, Network

DATE = forms.DateInput(attrs={"type": "date"})
OFFICES = rules.OFFICE_CHOICES


RULE_LABELS = {
    "ordinary-motion": _("Ordinary motion"),
    "written-consent": _("Written consent"),
    "regional-office-dissolution": _("Dissolution of a regional office"),
    "regional-office-establishment": _("Establishment of a regional office"),
    "special-general-assembly": _("Special General Assembly"),
    "joint-project-funding": _("Funding of a joint project"),
    "statute-amendment": _("Amendment of the statute"),
    "dissolution-of-the-organisation": _("Dissolution of the organisation"),
}


def rule_label(slug: str) -> str:
    return str(RULE_LABELS.get(slug, slug.replace("-", " ").capitalize()))


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"))
    title = forms.CharField(label=_("Title"), max_length=200)
    date = BoundedDateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The Secretariat holds no statutory meetings; the service refuses it too.
        cast(forms.ChoiceField, self.fields["body"]).choices = list(
            network.bodies.exclude(kind=Body.Kind.SECRETARIAT).values_list("slug", "name")
        )


class AgendaItemForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to number it after the last."),
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    reference = forms.CharField(
        label=pgettext_lazy("a document's reference", "Reference"),
        max_length=300,
        required=False,
        help_text=_("Where the text is, e.g. Handbook p. 12."),
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=200, assume_scheme="https")


class ParticipantForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Member organisation"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("Or a person's name"), max_length=200, required=False, help_text=_("A guest.")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Participant.Role.choices, initial=Participant.Role.OBSERVER
    )

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", "—"),
            *organisations,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Choose a member organisation or give a person's name."))
        return data


class CheckInForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Participant.Attendance.choices)


Choices = list[tuple[Any, str]]


@dataclass
class EffectChoices:
    """What a motion's effect may name in one network on one day: the kinds its statute and
    records allow, and for each kind the organisations it may concern."""

    kinds: Choices = field(default_factory=list)
    organisations: dict[str, Choices] = field(default_factory=dict)
    categories: Choices = field(default_factory=list)
    offices: Choices = field(default_factory=list)
    regions: Choices = field(default_factory=list)
    regional_offices: Choices = field(default_factory=list)


# The form field an effect's key is asked in, where the two differ: a regional office is
# named by its id, an office of the committee by its slug; both are `office` in the effect.
FORM_FIELD = {"dissolve-regional-office": {"office": "regional_office"}}
NO_EFFECT = ""


class MotionForm(forms.Form):
    """A motion and what it does if adopted. Choosing an effect is the first step; the fields
    that effect needs are asked next (on their own page without JavaScript), so a motion
    that would change the registry is tabled only with everything its effect must name."""

    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text of the motion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rule = forms.ChoiceField(label=_("Decided by the rule for"))
    vote_mode = forms.ChoiceField(
        label=_("How members vote"),
        required=False,
        choices=[
            ("roll_call", _("Named vote (each member's vote on the record)")),
            ("secret", _("Secret ballot (only the counts, revealed at the close)")),
            ("counts", _("Show of hands (the clerk records the counts)")),
        ],
    )
    effect = forms.ChoiceField(
        label=_("If adopted, it"),
        required=False,
        help_text=_("What the decision changes in the register when it is adopted."),
    )
    # Which effect's fields the person saw; a different choice asks for its own fields first.
    details_for = forms.CharField(label=_("Details for"), required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        rules: list[tuple[str, str]],
        effect_choices: EffectChoices | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule"]).choices = rules
        self.effect_choices = effect_choices or EffectChoices()
        cast(forms.ChoiceField, self.fields["effect"]).choices = [
            (NO_EFFECT, _("changes nothing beyond its text")),
            *self.effect_choices.kinds,
        ]
        if not self.effect_choices.kinds:
            del self.fields["effect"]
            del self.fields["details_for"]
        self.shown = self._shown()
        if self.shown:
            self._add_effect_fields(self.shown)

    def _shown(self) -> str:
        """The effect whose fields this form asks for: the one chosen when its fields were
        already on the page (bound), or the one the page is opened for (initial)."""
        offered = {action for action, _label in self.effect_choices.kinds}
        if self.is_bound:
            chosen = self.data.get(self.add_prefix("effect"), "")
            seen = self.data.get(self.add_prefix("details_for"), "")
            return chosen if chosen in offered and chosen == seen else ""
        chosen = str(self.initial.get("details_for", ""))
        return chosen if chosen in offered else ""

    def _add_effect_fields(self, action: str) -> None:
        kind = decision_effects.REGISTRY[action]
        choices = self.effect_choices
        for key in (*kind.fields, *kind.optional):
            name = FORM_FIELD.get(action, {}).get(key, key)
            required = key in kind.fields
            made: forms.Field
            if name == "organisation":
                made = forms.TypedChoiceField(
                    label=_("Organisation"),
                    coerce=int,
                    choices=[("", "—"), *choices.organisations.get(action, [])],
                )
            elif name == "category":
                made = forms.ChoiceField(
                    label=_("Membership category"), choices=[("", "—"), *choices.categories]
                )
            elif name == "office":
                made = forms.ChoiceField(label=_("Office"), choices=[("", "—"), *choices.offices])
            elif name == "region":
                made = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *choices.regions])
            elif name == "regional_office":
                made = forms.TypedChoiceField(
                    label=_("Regional office"),
                    coerce=int,
                    choices=[("", "—"), *choices.regional_offices],
                )
            else:
                made = forms.CharField(label=_("Reason"), max_length=300)
            made.required = required
            if required:
                made.error_messages["required"] = _("The chosen effect needs this.")
            self.fields[name] = made

    @property
    def needs_details(self) -> bool:
        """An effect was chosen whose fields the person has not seen yet."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return bool(data.get("effect")) and not self.shown

    def effects(self) -> list[dict[str, Any]]:
        """The motion's effects as the services take them: `[{"action": ..., ...}]`."""
        if not self.shown:
            return []
        kind = decision_effects.REGISTRY[self.shown]
        effect: dict[str, Any] = {"action": self.shown}
        for key in (*kind.fields, *kind.optional):
            value = self.cleaned_data.get(FORM_FIELD.get(self.shown, {}).get(key, key))
            if value not in (None, ""):
                effect[key] = value
        return [effect]

    def motion(self) -> dict[str, Any]:
        """The arguments of `services.propose_motion`."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "rule": data["rule"],
            "effects": self.effects(),
            "vote_mode": data.get("vote_mode") or "roll_call",
        }


class ElectionForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=OFFICES)
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        required=False,
        help_text=_("Leave empty for 'Election: <office>'."),
    )
    region = forms.ChoiceField(label=_("Region (regional office only)"), required=False)

    def __init__(
        self, network: Network, *args: Any, regional_offices: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not regional_offices:
            cast(forms.ChoiceField, self.fields["office"]).choices = [
                (o, label) for o, label in OFFICES if o != "regional-office"
            ]
            del self.fields["region"]
            return
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", "—"),
            *network.regions.values_list("slug", "name"),
        ]


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class VoteForm(forms.Form):
    organisation = forms.IntegerField(
        label=_("Organisation"),
    )
    choice = forms.ChoiceField(label=_("Choice"), choices=Vote.Choice.choices)


class CountsForm(forms.Form):
    yes = forms.IntegerField(label=_("Yes"), min_value=0)
    no = forms.IntegerField(label=_("No"), min_value=0, initial=0)
    abstain = forms.IntegerField(label=_("Abstaining"), min_value=0, initial=0)


class CastingVoteForm(forms.Form):
    """Closing a tied vote again with the Secretary General's casting vote (Art. 12.7)."""

    casting_vote = forms.ChoiceField(
        label=_("Casting vote"), choices=[("yes", _("Yes")), ("no", _("No"))], required=False
    )


class CandidateForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Candidate"), coerce=int)
    declared_on = BoundedDateField(
        label=_("Declared in writing on"),
        required=False,
        widget=DATE,
        help_text=_("The statute may require a written declaration months before."),
    )

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = organisations


class ElectionResultForm(forms.Form):
    """One vote count per candidate; fields are named by the candidate organisation's id."""

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for organisation_id, name in candidates:
            self.fields[f"votes_{organisation_id}"] = forms.IntegerField(
                label=_("Votes for %(name)s") % {"name": name}, min_value=0
            )

    def votes(self) -> dict[int, int]:
        return {
            int(name.removeprefix("votes_")): value for name, value in self.cleaned_data.items()
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=300)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)


class WrittenConsentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text of the resolution"), widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_on = BoundedDateField(label=_("Answers accepted from"), widget=DATE)
    closes_on = BoundedDateField(
        label=_("Until (the day it is judged)"),
        widget=DATE,
        help_text=_("The rule of the statute in force on this day decides it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The window closes on or after the day it opens."))
        return data


class ConsentForm(forms.Form):
    organisation = forms.IntegerField(
        label=_("Organisation"),
    )
    answer = forms.ChoiceField(label=_("Answer"), choices=Consent.Answer.choices)
    given_on = BoundedDateField(label=_("Given on"), widget=DATE)


class QueueRemindersForm(forms.Form):
    meeting = forms.SlugField(
        label=_("Meeting"),
    )


class DecisionFilterForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Decision.Kind.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *Decision.Outcome.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["body"]).choices = [
            ("", _("Any body")),
            *network.bodies.values_list("slug", "name"),
        ]
        years = sorted(
            {d.year for d in services.decisions(network).dates("date", "year")}, reverse=True
        )
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", _("Any year")),
            *((y, str(y)) for y in years),
        ]

    def wanted(self) -> services.DecisionFilter:
        data = self.cleaned_data
        return services.DecisionFilter(
            body=data["body"] or "",
            kind=data["kind"] or "",
            outcome=data["outcome"] or "",
            year=data["year"] or None,
        )
