"""Forms of the governance pages: they validate input before a service runs."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from intercity.core.bounds import BoundedDateField
from intercity.governance import rules, services
from intercity.governance.models import Consent, Decision, Meeting, Participant, Vote
from intercity.network.models import Body, Network

DATE = forms.DateInput(attrs={"type": "date"})
OFFICES = rules.OFFICE_CHOICES


def rule_label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label="Body")
    title = forms.CharField(max_length=200)
    date = BoundedDateField(widget=DATE)
    kind = forms.ChoiceField(choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR)
    venue = forms.CharField(max_length=200, required=False)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The Secretariat holds no statutory meetings; the service refuses it too.
        cast(forms.ChoiceField, self.fields["body"]).choices = list(
            network.bodies.exclude(kind=Body.Kind.SECRETARIAT).values_list("slug", "name")
        )


class AgendaItemForm(forms.Form):
    number = forms.CharField(
        max_length=20, required=False, help_text="Leave empty to number it after the last."
    )
    title = forms.CharField(max_length=250)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    title = forms.CharField(max_length=250)
    reference = forms.CharField(
        max_length=300, required=False, help_text="Where the text is, e.g. Handbook p. 12."
    )
    url = forms.URLField(label="Link", required=False, max_length=200)


class ParticipantForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label="Member organisation", coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label="Or a person's name", max_length=200, required=False, help_text="A guest."
    )
    role = forms.ChoiceField(choices=Participant.Role.choices, initial=Participant.Role.OBSERVER)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", "—"),
            *organisations,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not (data.get("name") or "").strip():
            raise forms.ValidationError("Choose a member organisation or give a person's name.")
        return data


class CheckInForm(forms.Form):
    attendance = forms.ChoiceField(choices=Participant.Attendance.choices)


class MotionForm(forms.Form):
    title = forms.CharField(max_length=250)
    text = forms.CharField(
        label="Text of the motion", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rule = forms.ChoiceField(label="Decided by the rule for")

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule"]).choices = rules


class ElectionForm(forms.Form):
    office = forms.ChoiceField(choices=OFFICES)
    title = forms.CharField(
        max_length=250, required=False, help_text="Leave empty for 'Election: <office>'."
    )
    region = forms.ChoiceField(label="Region (regional office only)", required=False)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", "—"),
            *network.regions.values_list("slug", "name"),
        ]


class AnnouncementForm(forms.Form):
    title = forms.CharField(max_length=250)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VoteForm(forms.Form):
    organisation = forms.IntegerField()
    choice = forms.ChoiceField(choices=Vote.Choice.choices)


class CountsForm(forms.Form):
    yes = forms.IntegerField(min_value=0)
    no = forms.IntegerField(min_value=0, initial=0)
    abstain = forms.IntegerField(label="Abstaining", min_value=0, initial=0)


class CastingVoteForm(forms.Form):
    """Closing a tied vote again with the Secretary General's casting vote (Art. 12.7)."""

    casting_vote = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], required=False)


class CandidateForm(forms.Form):
    organisation = forms.TypedChoiceField(label="Candidate", coerce=int)
    declared_on = BoundedDateField(
        label="Declared in writing on",
        required=False,
        widget=DATE,
        help_text="The statute may require a written declaration months before.",
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
                label=f"Votes for {name}", min_value=0
            )

    def votes(self) -> dict[int, int]:
        return {
            int(name.removeprefix("votes_")): value for name, value in self.cleaned_data.items()
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Why it is withdrawn", max_length=300)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Meeting.Status.choices)


class WrittenConsentForm(forms.Form):
    title = forms.CharField(max_length=250)
    text = forms.CharField(label="Text of the resolution", widget=forms.Textarea(attrs={"rows": 4}))
    opens_on = BoundedDateField(label="Answers accepted from", widget=DATE)
    closes_on = BoundedDateField(
        label="Until (the day it is judged)",
        widget=DATE,
        help_text="The rule of the statute in force on this day decides it (Art. 16.3).",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The window closes on or after the day it opens.")
        return data


class ConsentForm(forms.Form):
    organisation = forms.IntegerField()
    answer = forms.ChoiceField(choices=Consent.Answer.choices)
    given_on = BoundedDateField(widget=DATE)


class QueueRemindersForm(forms.Form):
    meeting = forms.SlugField()


class DecisionFilterForm(forms.Form):
    body = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Decision.Kind.choices])
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *Decision.Outcome.choices]
    )
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["body"]).choices = [
            ("", "Any body"),
            *network.bodies.values_list("slug", "name"),
        ]
        years = sorted(
            {d.year for d in services.decisions(network).dates("date", "year")}, reverse=True
        )
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", "Any year"),
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
