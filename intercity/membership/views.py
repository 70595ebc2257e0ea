"""Membership pages: the public application, a member's account, and the Secretariat's
screens for applications, status changes, invoicing, payments, credit notes and arrears."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.core.modules import contributions
from intercity.membership import forms, services
from intercity.membership import invoice_pdf as invoice_pdf_layout
from intercity.membership.models import Application, Invoice, Reminder
from intercity.network import services as registry
from intercity.network.models import Network, Organisation

View = Callable[..., HttpResponse]


def apply(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    body = services.approving_body(network)
    if body is None:
        # The network's rules admit no applications (ASCN: its pilot cities are nominated by
        # their state): say how members come in, from its own categories.
        return render(
            request,
            "membership/not_by_application.html",
            {"network": network, "categories": network.categories.order_by("position", "name")},
            status=400 if request.method == "POST" else 200,
        )
    form = forms.ApplicationForm(network, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
        try:
            application = services.submit_application(network, data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                gettext(
                    "Thank you. Your application is registered as no. %(number)s; the "
                    "%(network)s Secretariat will write to %(email)s."
                )
                % {
                    "number": application.pk,
                    "network": network.short_name,
                    "email": application.contact_email,
                },
            )
            return redirect("membership_apply", slug=slug)
    return render(
        request, "membership/apply.html", {"network": network, "form": form, "body": body}
    )


@login_required
def account(request: HttpRequest, slug: str, organisation_id: int) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    statement = services.statement(request.user, network, organisation)
    memberships = [
        m for m in registry.organisation_memberships(organisation) if m.network_id == network.pk
    ]
    return render(
        request,
        "membership/account.html",
        {
            "network": network,
            "organisation": organisation,
            "statement": statement,
            "membership": memberships[0] if memberships else None,
            "is_staff": permissions.is_secretariat(request.user),
        },
    )


@secretariat_only
def staff_home(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    return render(
        request,
        "membership/staff_home.html",
        {
            "network": network,
            "received": network.applications.filter(status=Application.Status.RECEIVED).count(),
            "takes_applications": services.approving_body(network) is not None,
            "charges_fees": bool(services.fee_paying_categories(network)),
        },
    )


def _decision_choices(request: HttpRequest, network: Network) -> list[tuple[str, str]]:
    """The adopted decisions the installed modules offer (governance), or [] for free text."""
    return contributions("decision_choices", request, network)


@secretariat_only
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    decisions = _decision_choices(request, network)
    received = list(network.applications.filter(status=Application.Status.RECEIVED))
    return render(
        request,
        "membership/applications.html",
        {
            "network": network,
            "received": [
                (application, forms.ApprovalForm(network, application, decisions))
                for application in received
            ],
            "decided": network.applications.exclude(status=Application.Status.RECEIVED)[:50],
        },
    )


@secretariat_only
def application_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One application: the one-step approval's form while it waits, its result once decided."""
    network = get_object_or_404(Network, slug=slug)
    application = get_object_or_404(Application, pk=pk, network=network)
    form = None
    if application.status == Application.Status.RECEIVED:
        form = forms.ApprovalForm(
            network, application, _decision_choices(request, network), request.POST or None
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                admission = services.admit_member(
                    request.user,
                    application,
                    category=data["category"],
                    on=data["on"],
                    decision_reference=data["decision_reference"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    gettext("%(name)s is now a %(category)s of %(network)s.")
                    % {
                        "name": admission.organisation.name,
                        "category": admission.approved.category.name,
                        "network": network.short_name,
                    },
                )
                return redirect("membership_application", slug=slug, pk=pk)
    elif request.method == "POST":
        messages.error(
            request,
            gettext("This application was already %(status)s.")
            % {"status": application.get_status_display().lower()},
        )
    periods = []
    if application.organisation is not None:
        periods = [
            p
            for m in registry.organisation_memberships(application.organisation)
            if m.network_id == network.pk
            for p in m.periods.all()
        ]
    return render(
        request,
        "membership/application.html",
        {
            "network": network,
            "application": application,
            "form": form,
            "periods": sorted(periods, key=lambda p: p.valid_from),
            "applied_on": services.applied_on(application),
        },
        status=400 if form is not None and form.errors else 200,
    )


@secretariat_only
@require_POST
def decide_application(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk, network__slug=slug)
    try:
        if decision == "accept":
            form = forms.DecisionForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    gettext("Give the date from which the applicant is an associate member.")
                )
            services.accept_application(
                request.user,
                application,
                form.cleaned_data["on"],
                form.cleaned_data["decision_reference"],
            )
            messages.success(
                request,
                gettext("%(name)s is now an associate member.")
                % {"name": application.organisation_name},
            )
        else:
            services.reject_application(request.user, application, request.POST.get("note", ""))
            messages.success(
                request,
                gettext("The application of %(name)s was rejected.")
                % {"name": application.organisation_name},
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("membership_applications", slug=slug)


@secretariat_only
def change_status(request: HttpRequest, slug: str, organisation_id: int) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    form = forms.StatusChangeForm(network, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "approve":
                services.approve_membership(
                    request.user,
                    network,
                    organisation,
                    data["category"],
                    data["on"],
                    data["decision_reference"],
                )
            elif data["action"] == "suspend":
                services.suspend_membership(
                    request.user,
                    network,
                    organisation,
                    data["on"],
                    data["decision_reference"],
                    data["reason"],
                )
            elif data["action"] == "lift_suspension":
                services.lift_suspension(
                    request.user, network, organisation, data["on"], data["decision_reference"]
                )
            else:
                services.withdraw_membership(
                    request.user, network, organisation, data["on"], data["decision_reference"]
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                gettext("The membership of %(name)s was updated.") % {"name": organisation},
            )
            return redirect("membership_account", slug=slug, organisation_id=organisation.pk)
    return render(
        request,
        "membership/change_status.html",
        {
            "network": network,
            "organisation": organisation,
            "form": form,
            "state": services.member_state(network, organisation),
        },
    )


@secretariat_only
def invoicing(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    form = forms.InvoicingForm(request.POST or None, initial={"year": timezone.localdate().year})
    run = None
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_invoicing(
                request.user, network, form.cleaned_data["year"], form.cleaned_data["issued_on"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
    missing_query = (
        urlencode({"year": run.year, "issued_on": form.cleaned_data["issued_on"].isoformat()})
        if run
        else ""
    )
    return render(
        request,
        "membership/invoicing.html",
        {"network": network, "form": form, "run": run, "missing_query": missing_query},
    )


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


@secretariat_only
def missing_figures_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The figures a run of the year would lack, one row per figure and member, in the
    import's columns with the keys filled in and the value and source left empty; the
    member's name and what the row is for follow, and the import ignores them."""
    network = get_object_or_404(Network, slug=slug)
    form = forms.InvoicingForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            gettext("Give the year and the date of issue of the run (year, issued_on).")
        )
    year = form.cleaned_data["year"]
    left_out = services.left_out(request.user, network, year, form.cleaned_data["issued_on"])
    response, writer = _csv_response(f"{slug}-{year}-missing-figures.csv")
    writer.writerow([*services.FIGURE_COLUMNS, "member", "needed for"])
    for member in left_out:
        for needed in member.importable:
            writer.writerow(
                [
                    needed.measure,
                    member.organisation.key,
                    "",
                    needed.year,
                    "",
                    "",
                    member.organisation.name,
                    needed.label,
                ]
            )
    return response


@secretariat_only
def figures_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(services.figures_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="figures-template.csv"'
    return response


@secretariat_only
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("network", "organisation"), pk=pk)
    # Each form has its own prefix: both have an amount, and one page may not show two
    # fields with the id "id_amount" (a label would point at the wrong one).
    payment_form = forms.PaymentForm(
        request.POST if "record_payment" in request.POST else None, prefix="payment"
    )
    credit_form = forms.CreditNoteForm(
        request.POST if "issue_credit" in request.POST else None, prefix="credit"
    )
    if request.method == "POST":
        try:
            if payment_form.is_bound and payment_form.is_valid():
                data = payment_form.cleaned_data
                services.record_payment(
                    request.user,
                    invoice,
                    received_on=data["received_on"],
                    amount=data["amount"],
                    currency=data["currency"],
                    exchange_rate=data["exchange_rate"],
                    reference=data["reference"],
                    idempotency_key=data["idempotency_key"],
                )
                messages.success(request, gettext("Payment recorded."))
                return redirect("membership_invoice", pk=pk)
            if credit_form.is_bound and credit_form.is_valid():
                data = credit_form.cleaned_data
                services.issue_credit_note(
                    request.user,
                    invoice,
                    amount=data["amount"],
                    reason=data["reason"],
                    issued_on=data["issued_on"],
                )
                messages.success(request, gettext("Credit note issued."))
                return redirect("membership_invoice", pk=pk)
        except DomainError as exc:
            (payment_form if payment_form.is_bound else credit_form).add_error(None, exc.message)
    annotated = services.with_balances(Invoice.objects.filter(pk=pk)).get()
    category = invoice.network.categories.filter(slug=invoice.category).first()
    return render(
        request,
        "membership/invoice.html",
        {
            "invoice": annotated,
            # The category's name in the reader's language (the invoice keeps its slug).
            "category_name": category.name if category else invoice.category,
            "payments": invoice.payments.all(),
            "credit_notes": invoice.credit_notes.all(),
            "reminders": invoice.reminders.all(),
            "payment_form": payment_form,
            "credit_form": credit_form,
        },
    )


def _invoice_filter(request: HttpRequest) -> tuple[forms.InvoiceFilterForm, Any]:
    """The filter form read from the query, and the filter it asks for (None when invalid)."""
    form = forms.InvoiceFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, services.InvoiceFilter(
        on=timezone.localdate(),
        year=data["year"],
        status=data["status"],
        search=data["q"],
        overdue=data["overdue"],
    )


@secretariat_only
def invoices(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    form, wanted = _invoice_filter(request)
    page, totals, error = None, [], ""
    if wanted is None:
        error = gettext("Please correct the filters below.")
    else:
        found = services.find_invoices(request.user, network, wanted)
        totals = services.invoice_totals(found)
        page = Paginator(found, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filtered = any(v for k, v in request.GET.items() if k != "page")
    return render(
        request,
        "membership/invoices.html",
        {
            "network": network,
            "form": form,
            "page": page,
            "totals": totals,
            "error": error,
            "query": query.urlencode(),
            "filtered": filtered,
        },
        status=400 if error else 200,
    )


@secretariat_only
def invoices_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Exactly the invoices the page shows with the same filters, every page of them."""
    network = get_object_or_404(Network, slug=slug)
    _form, wanted = _invoice_filter(request)
    if wanted is None:
        return HttpResponseBadRequest(gettext("Please correct the filters."))
    found = services.find_invoices(request.user, network, wanted)
    response, writer = _csv_response(f"{slug}-invoices.csv")
    writer.writerow(
        [
            "number",
            "member",
            "key",
            "year",
            "category",
            "currency",
            "amount",
            "paid",
            "credited",
            "balance",
            "issued_on",
            "due_on",
        ]
    )
    cent = Decimal("0.01")
    for invoice in found:
        writer.writerow(
            [
                invoice.number,
                invoice.organisation.name,
                invoice.organisation.key,
                invoice.year,
                invoice.category,
                invoice.currency,
                invoice.amount,
                *(
                    Decimal(getattr(invoice, name)).quantize(cent)
                    for name in ("paid", "credited", "balance")
                ),
                invoice.issued_on.isoformat(),
                invoice.due_on.isoformat(),
            ]
        )
    return response


@secretariat_only
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = services.with_balances(
        Invoice.objects.filter(pk=pk).select_related("network", "organisation")
    ).first()
    if invoice is None:
        raise Http404
    cent = Decimal("0.01")
    # The category's name in the reader's language (the invoice keeps its slug).
    category = invoice.network.categories.filter(slug=invoice.category).first()
    document = invoice_pdf_layout.InvoiceDocument(
        network_name=invoice.network.name,
        network_short_name=invoice.network.short_name,
        network_seat=invoice.network.seat,
        member_name=invoice.organisation.name,
        member_key=invoice.organisation.key,
        member_country=invoice.organisation.country.name if invoice.organisation.country else "",
        number=invoice.number,
        year=invoice.year,
        category=category.name if category else invoice.category,
        amount=invoice.amount,
        currency=invoice.currency,
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        explanation=invoice.explanation,
        paid=Decimal(invoice.paid).quantize(cent),  # type: ignore[attr-defined]
        credited=Decimal(invoice.credited).quantize(cent),  # type: ignore[attr-defined]
        balance=Decimal(invoice.balance).quantize(cent),  # type: ignore[attr-defined]
        payment_instructions=services.payment_instructions(invoice.network),
    )
    response = HttpResponse(invoice_pdf_layout.render(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response


@secretariat_only
def arrears(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    today = timezone.localdate()
    if request.method == "POST":
        queued = services.queue_reminders(request.user, network, today)
        to_send = [r for r in queued if r.status == Reminder.Status.QUEUED]
        messages.success(
            request,
            ngettext("%(count)s reminder queued.", "%(count)s reminders queued.", len(to_send))
            % {"count": len(to_send)},
        )
        nobody = [
            str(r.invoice.organisation) for r in queued if r.status == Reminder.Status.NO_ADDRESS
        ]
        if nobody:
            messages.warning(
                request,
                gettext("No e-mail address for %(member)s: not sent.")
                % {"member": ", ".join(nobody)},
            )
        return redirect("membership_arrears", slug=slug)
    rows = list(services.arrears(network, today))
    totals = {
        key: sum((getattr(r, key) for r in rows), start=services.ZERO)
        for key in ("owed_0_1", "owed_1_2", "owed_2_plus", "owed")
    }
    # What became of the reminders: the worker's outcome of each, and those that need a person
    # (no address, a failed send, addresses that declined fee reminders).
    counts = services.reminder_counts(network)
    trouble = (
        Reminder.objects.filter(invoice__network=network)
        .filter(
            Q(status__in=[Reminder.Status.FAILED, Reminder.Status.NO_ADDRESS]) | ~Q(declined=[])
        )
        .select_related("invoice__organisation")[:50]
    )
    return render(
        request,
        "membership/arrears.html",
        {
            "network": network,
            "rows": rows,
            "totals": totals,
            "today": today,
            "counts": counts,
            "trouble": trouble,
        },
    )


@secretariat_only
def import_figures(request: HttpRequest) -> HttpResponse:
    form = forms.FiguresImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.import_figures(request.user, form.cleaned_data["file"])
        if not report.errors:
            messages.success(
                request,
                gettext(
                    "Imported: %(created)s new figures, %(updated)s updated, "
                    "%(skipped)s rows left empty skipped."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "skipped": report.skipped,
                },
            )
            return redirect("membership_import_figures")
    return render(
        request,
        "membership/import_figures.html",
        {"form": form, "report": report, "columns": services.FIGURE_COLUMNS},
    )
