"""Written consent of the Executive Committee out of session (Art. 16.3)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.governance import forms, services
from intercity.governance.views.meeting_page import form_errors
from intercity.network import services as registry


@secretariat_only
def written_consent_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    if not services.network_shape(network).written_consent:
        raise DomainError(
            _("No statute text of %(network)s sets a rule for written consent.")
            % {"network": network}
        )
    form = forms.WrittenConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.open_written_consent(request.user, network, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("'%(title)s' is open for written answers.") % {"title": opened}
            )
            return redirect("governance_decision", slug=slug, pk=opened.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "governance/written_consent_form.html",
        {"network": network, "form": form},
        status=status,
    )


@secretariat_only
@require_POST
def consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    form = forms.ConsentForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                _("The answer was not recorded: %(errors)s") % {"errors": form_errors(form)}
            )
        organisation = registry.get_organisation(form.cleaned_data["organisation"])
        answer = services.record_consent(
            request.user,
            decision,
            organisation,
            form.cleaned_data["answer"],
            form.cleaned_data["given_on"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            # Translators: a member's written answer as just recorded, e.g. "Seoul: consents."
            _("%(organisation)s: %(answer)s.")
            % {"organisation": organisation, "answer": answer.get_answer_display().lower()},
        )
    return redirect("governance_decision", slug=slug, pk=pk)


@secretariat_only
@require_POST
def close_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    try:
        services.close_written_consent(request.user, decision)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            # Translators: a decision's outcome, e.g. "'Budget 2019': adopted."
            _("'%(title)s': %(outcome)s.")
            % {"title": decision, "outcome": decision.get_outcome_display().lower()},
        )
    return redirect("governance_decision", slug=slug, pk=pk)
