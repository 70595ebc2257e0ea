"""Named actions of membership and dues. Each validates, calls the rules, saves in one
transaction and writes one audit event; pages, the API, the admin and commands call these.

One module per concern; this package re-exports their public names, so callers keep
writing `services.record_payment`:

- `applications`: applications to join, and approval, suspension and withdrawal;
- `fees`: fee schedules, dated figures and their import, fee quotes;
- `invoicing`: the yearly invoicing run and document numbers;
- `payments`: balances, payments, credit notes, statements, arrears;
- `reminders`: reminders of unpaid fees;
- `overview`: what a person's start page shows (applications and arrears waiting, an
  account in brief, a country's members' dues)."""

from intercity.membership.services.applications import (
    APPLICATION_FIELDS,
    Admission,
    accept_application,
    admit_member,
    applied_on,
    approve_membership,
    lift_suspension,
    member_state,
    reject_application,
    submit_application,
    suspend_membership,
    withdraw_membership,
)
from intercity.membership.services.common import (
    MONEY_FIELD,
    ZERO,
    can_view_account,
    known_category,
    require_secretariat,
)
from intercity.membership.services.fees import (
    FIGURE_COLUMNS,
    FIGURE_DIGITS,
    FIGURE_PLACES,
    FeeRecords,
    ImportReport,
    add_fee_schedule,
    fee_facts,
    figures_template,
    import_figures,
    quote_for_member,
    quote_hypothetical,
    schedules_for,
)
from intercity.membership.services.invoicing import (
    InvoicingRun,
    LeftOut,
    billable_periods,
    left_out,
    payment_instructions,
    run_invoicing,
    set_payment_instructions,
    take_numbers,
)
from intercity.membership.services.overview import (
    AccountSummary,
    MemberDues,
    NetworkArrears,
    WaitingApplications,
    account_summary,
    applications_waiting,
    arrears_by_network,
    country_members_dues,
)
from intercity.membership.services.payments import (
    InvoiceFilter,
    InvoiceStatus,
    InvoiceTotals,
    Statement,
    arrears,
    balances,
    fees_fully_paid,
    find_invoices,
    invoice_balance,
    invoice_totals,
    issue_credit_note,
    record_payment,
    statement,
    with_balances,
)
from intercity.membership.services.reminders import (
    queue_arrears_reminders,
    queue_reminders,
    reminder_counts,
    reminder_recipients,
)

__all__ = [
    "APPLICATION_FIELDS",
    "FIGURE_COLUMNS",
    "FIGURE_DIGITS",
    "FIGURE_PLACES",
    "MONEY_FIELD",
    "ZERO",
    "AccountSummary",
    "Admission",
    "FeeRecords",
    "ImportReport",
    "InvoiceFilter",
    "InvoiceStatus",
    "InvoiceTotals",
    "InvoicingRun",
    "LeftOut",
    "MemberDues",
    "NetworkArrears",
    "Statement",
    "WaitingApplications",
    "accept_application",
    "account_summary",
    "add_fee_schedule",
    "admit_member",
    "applications_waiting",
    "applied_on",
    "approve_membership",
    "arrears",
    "arrears_by_network",
    "balances",
    "billable_periods",
    "can_view_account",
    "country_members_dues",
    "fee_facts",
    "fees_fully_paid",
    "figures_template",
    "find_invoices",
    "import_figures",
    "invoice_balance",
    "invoice_totals",
    "issue_credit_note",
    "known_category",
    "left_out",
    "lift_suspension",
    "member_state",
    "payment_instructions",
    "queue_arrears_reminders",
    "queue_reminders",
    "quote_for_member",
    "quote_hypothetical",
    "record_payment",
    "reject_application",
    "reminder_counts",
    "reminder_recipients",
    "require_secretariat",
    "run_invoicing",
    "schedules_for",
    "set_payment_instructions",
    "statement",
    "submit_application",
    "suspend_membership",
    "take_numbers",
    "with_balances",
    "withdraw_membership",
]
