"""Forms of the twinning pages: plain fields; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.exchange.models_twinning import TwinningParticipant, TwinningRound


class OpenRoundForm(forms.Form):
    network = forms.TypedChoiceField(label=gettext_lazy("Network"), coerce=int)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2018, max_value=2100)
    partner_capacity = forms.IntegerField(
        label=gettext_lazy("Pilot cities per external partner"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("Seed 004 pairs each city with one partner; 1 unless decided."),
    )
    partners = forms.TypedMultipleChoiceField(
        label=gettext_lazy("External partners taking part"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        networks: list[tuple[int, str]],
        partners: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = networks  # type: ignore[attr-defined]
        self.fields["partners"].choices = partners  # type: ignore[attr-defined]


class RunForm(forms.Form):
    proposing = forms.ChoiceField(
        label=gettext_lazy("Proposing side"),
        choices=TwinningRound.Proposing.choices,
        widget=forms.RadioSelect,
        initial=TwinningRound.Proposing.CITIES,
    )


class RankingForm(forms.Form):
    """One rank per participant of the other side: 1 the most wanted; left empty, not
    acceptable. Two participants may not share a rank."""

    def __init__(
        self,
        *args: Any,
        others: list[TwinningParticipant],
        current: list[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.others = others
        ranks = {pk: n for n, pk in enumerate(current or [], start=1)}
        choices = [("", _("Not acceptable")), *((n, str(n)) for n in range(1, len(others) + 1))]
        for other in others:
            self.fields[f"rank_{other.pk}"] = forms.TypedChoiceField(
                label=other.organisation.name,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=ranks.get(other.pk, ""),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: dict[int, str] = {}
        for other in self.others:
            value = cleaned.get(f"rank_{other.pk}")
            if value is None:
                continue
            if value in seen:
                raise forms.ValidationError(
                    _("%(first)s and %(second)s both have rank %(rank)s; give each its own.")
                    % {"first": seen[value], "second": other.organisation.name, "rank": value}
                )
            seen[value] = other.organisation.name
        return cleaned

    def ranked_ids(self) -> list[int]:
        """The participants ranked, the most wanted first."""
        ranked = [
            (self.cleaned_data[f"rank_{o.pk}"], o.pk)
            for o in self.others
            if self.cleaned_data.get(f"rank_{o.pk}") is not None
        ]
        return [pk for _rank, pk in sorted(ranked)]
