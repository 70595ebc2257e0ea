"""Forms of the journal's editing pages: plain fields the services check again (they hold
the rules: who may act, a published project of the same network, publish once)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.knowledge import rules_journal as rules
from intercity.knowledge.models import JournalIssue
from intercity.network.models import Network


class NewIssueForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.order_by("slug"), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=rules.TITLE_LIMIT)


class IssueTextForm(forms.Form):
    title = forms.CharField(label=_("Title (English)"), max_length=rules.TITLE_LIMIT)
    editorial = forms.CharField(
        label=_("Editorial (English)"),
        required=False,
        max_length=rules.EDITORIAL_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paragraphs are separated by an empty line. The other languages are written in "
            "the admin."
        ),
    )


class EntryForm(forms.Form):
    # The choices are the network's published projects not yet in the issue; the value is
    # read as an id and the service says why any other project is refused.
    project = forms.IntegerField(label=_("Published project"), min_value=1, widget=forms.Select)
    note = forms.CharField(
        label=_("The editors' note"),
        required=False,
        max_length=rules.NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this project is in the issue: what other cities can learn from it."),
    )

    def __init__(self, issue: JournalIssue, *args: Any, **kwargs: Any) -> None:
        from intercity.knowledge.services import journal

        super().__init__(*args, **kwargs)
        widget = self.fields["project"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [
            (p.pk, f"{p.title} ({p.organisation.name})") for p in journal.candidates(issue)
        ]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("The editors' note"),
        required=False,
        max_length=rules.NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
