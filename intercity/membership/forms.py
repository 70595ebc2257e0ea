"""Forms of the membership pages: they validate input before a service runs."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField, BoundedDecimalField
from intercity.membership.models import Application, Currency
from intercity.network.models import Network

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(forms.ModelForm[Application]):
    # A field people never see; bots fill it in (see ApplicationForm.clean).
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    requested_category = forms.ChoiceField(label=_("Membership category"))

    class Meta:
        model = Application
        fields = [
            "organisation_name",
            "kind",
            "country",
            "requested_category",
            "website",
            "population",
            "employees",
            "contact_name",
            "contact_title",
            "contact_email",
            "motivation",
        ]
        labels = {
            "organisation_name": _("Name of the city or organisation"),
            "kind": _("What it is"),
            "population": _("Population (cities)"),
            "employees": _("Employees worldwide (companies)"),
            "motivation": _("Why do you wish to join?"),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["requested_category"]).choices = [
            (c.slug, c.name) for c in network.categories.exclude(slug="associate")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("homepage"):
            raise forms.ValidationError(_("The form could not be accepted."))
        if data.get("kind") == "company" and not data.get("employees"):
            self.add_error("employees", _("A company gives its number of employees (Annex 3)."))
        if data.get("kind") == "city" and not data.get("population"):
            self.add_error("population", _("A city gives its population (Annex 1)."))
        return data


class DecisionForm(forms.Form):
    on = BoundedDateField(label=_("With effect on"), widget=DATE, initial=timezone.localdate)
    decision_reference = forms.CharField(
        label=_("Decision"),
        max_length=300,
        required=False,
        help_text=_("e.g. Executive Committee 2026-06-27, Agenda 3"),
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Reason given to the applicant"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusChangeForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve the membership (Art. 7.1)")),
        ("suspend", _("Suspend (Art. 7.3)")),
        ("lift_suspension", _("Lift the suspension")),
        ("withdraw", _("Record the withdrawal announced to the Executive Committee (Art. 7.2)")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    category = forms.ChoiceField(label=_("Approved as"), required=False)
    on = BoundedDateField(label=_("With effect on"), widget=DATE)
    decision_reference = forms.CharField(label=_("Decision"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason (for a suspension)"), max_length=300, required=False)

    def __init__(self, network: Network, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—")] + [
            (c.slug, c.name) for c in network.categories.filter(billable=True)
        ]


class InvoicingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    issued_on = BoundedDateField(label=_("Issued on"), widget=DATE, initial=timezone.localdate)


class PaymentForm(forms.Form):
    received_on = BoundedDateField(label=_("Received on"), widget=DATE, initial=timezone.localdate)
    amount = BoundedDecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=Currency.choices, initial=Currency.USD
    )
    exchange_rate = BoundedDecimalField(
        label=_("Exchange rate"),
        required=False,
        min_value=Decimal("0.000001"),
        max_digits=16,
        decimal_places=6,
        help_text=_(
            "Units of this currency per unit of the invoice currency, e.g. 1100 KRW per USD."
        ),
    )
    reference = forms.CharField(label=_("Reference"), max_length=200, required=False)
    # A single-use token: the same form sent twice (a double click, a reload) records one
    # payment. A fresh one comes with every new form; a form shown again keeps its own.
    idempotency_key = forms.CharField(
        max_length=64, required=False, widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex
    )

    def clean_received_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A payment cannot be received in the future."))
        return value


class CreditNoteForm(forms.Form):
    amount = BoundedDecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
    issued_on = BoundedDateField(label=_("Issued on"), widget=DATE, initial=timezone.localdate)


class FiguresImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: measure, organisation, country, year, value, source."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


class InvoiceFilterForm(forms.Form):
    """The filters of the list of invoices; every field may be left empty."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any")),
            ("unpaid", _("Unpaid")),
            ("part-paid", _("Part paid")),
            ("settled", _("Settled")),
        ],
    )
    q = forms.CharField(
        label=_("Member or number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class ApprovalForm(forms.Form):
    """Accept an application and approve the membership in one step. The decision is chosen
    from the network's adopted decisions when a module contributes them (`decision_choices`),
    else written as text; a decision missing from the list may still be written."""

    category = forms.ChoiceField(label=_("Approved as"))
    on = BoundedDateField(label=_("With effect on (the decision's date)"), widget=DATE)
    decision = forms.ChoiceField(label=_("Decision that approved it"), required=False)
    decision_text = forms.CharField(
        label=_("Decision"),
        max_length=300,
        required=False,
        help_text=_("e.g. Executive Committee 2026-06-27, Agenda 3"),
    )

    def __init__(
        self,
        network: Network,
        application: Application,
        decisions: list[tuple[str, str]],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"approve-{application.pk}")
        super().__init__(*args, **kwargs)
        categories = [(c.slug, c.name) for c in network.categories.filter(billable=True)]
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = categories
        if application.requested_category in dict(categories):
            category.initial = application.requested_category
        applied = timezone.localdate(application.submitted_at)
        self.fields["on"].initial = max(timezone.localdate(), applied + dt.timedelta(days=1))
        self.fields["on"].help_text = _(
            "The applicant is an associate member from its application (%(date)s) until then."
        ) % {"date": applied.isoformat()}
        self.has_decisions = bool(decisions)
        if decisions:
            cast(forms.ChoiceField, self.fields["decision"]).choices = [
                ("", _("Choose an adopted decision")),
                *decisions,
            ]
            self.fields["decision_text"].label = _("Or a decision not in the list")
        else:
            del self.fields["decision"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reference = (data.get("decision") or data.get("decision_text") or "").strip()
        if not reference:
            field = "decision" if self.has_decisions else "decision_text"
            self.add_error(field, _("Name the decision that approved the membership."))
        data["decision_reference"] = reference
        return data
