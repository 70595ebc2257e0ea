"""Citizens close the loop (issue 17): Min-jun, who reported a pothole, sees his reports in
every city, says "not fixed" within the period Seoul sets (the report reopens and the staff
see why) or rates the response, once; nobody else may do either for him."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.participation import rules, services
from intercity.participation.models import Event, Jurisdiction, Notification, Rating, Report
from intercity.participation.tasks import send_notification, send_reopen_notice
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    officer_of,
)

T0 = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


# --- Rules -------------------------------------------------------------------------------------


def test_the_period_runs_from_the_resolution_to_the_last_second_of_its_days():
    assert rules.may_reopen(T0, T0, 14).allowed
    assert rules.may_reopen(T0, T0 + dt.timedelta(days=14), 14).allowed
    late = rules.may_reopen(T0, T0 + dt.timedelta(days=14, seconds=1), 14)
    assert not late.allowed
    assert late.until == T0 + dt.timedelta(days=14)
    assert "ended on 15 March 2026" in late.reason
    assert "14 days after it was closed" in late.reason


def test_a_city_with_no_period_takes_no_not_fixed_and_an_open_report_has_none():
    never = rules.may_reopen(T0, T0, 0)
    assert not never.allowed
    assert never.until is None
    assert "does not take" in never.reason
    assert not rules.may_reopen(None, T0, 14).allowed


def test_the_date_the_period_ended_is_the_citys_date():
    # 20:00 UTC on 14 March is 05:00 on 15 March in Seoul.
    resolved = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)
    seoul = dt.timezone(dt.timedelta(hours=9))
    late = rules.may_reopen(resolved, resolved + dt.timedelta(days=20), 13, seoul)
    assert "ended on 15 March 2026" in late.reason


@given(
    days=st.integers(min_value=0, max_value=rules.MAX_REOPEN_DAYS),
    offset=st.integers(min_value=-(10**7), max_value=400 * 86400),
)
def test_may_reopen_is_exactly_within_the_days_after_resolution(days, offset):
    now = T0 + dt.timedelta(seconds=offset)
    ruling = rules.may_reopen(T0, now, days)
    assert ruling.allowed == (days > 0 and now <= T0 + dt.timedelta(days=days))
    assert ruling.allowed or ruling.reason


def test_a_reason_is_required_and_bounded():
    assert rules.reopen_reason_problem("   ")
    assert rules.reopen_reason_problem("x" * (rules.MAX_REOPEN_REASON + 1))
    assert rules.reopen_reason_problem("bad\x00byte")
    assert rules.reopen_reason_problem("Still a hole after the rain") is None


@given(st.integers(min_value=-10, max_value=10))
def test_a_rating_is_one_to_five_stars(stars):
    assert (rules.rating_problem(stars, "") is None) == (1 <= stars <= 5)


def test_the_average_rating_is_exact_and_explains_itself():
    summary = rules.RatingSummary(count=4, total=17)
    assert summary.average == Fraction(17, 4)
    assert summary.shown == Decimal("4.3")  # 4.25, half up
    assert "17 stars in all, divided by 4" in summary.explanation()
    empty = rules.RatingSummary(0, 0)
    assert empty.average is None
    assert empty.shown is None
    assert empty.explanation() == "No ratings yet."


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=200))
def test_the_shown_average_is_within_a_twentieth_of_the_exact_one(ratings):
    summary = rules.RatingSummary(len(ratings), sum(ratings))
    assert summary.shown is not None
    assert abs(Fraction(summary.shown) - Fraction(sum(ratings), len(ratings))) <= Fraction(1, 20)
    assert 1 <= summary.shown <= 5


# --- The people and the report ------------------------------------------------------------------


@pytest.fixture
def minjun(db):
    """Min-jun, a citizen whose login has the address he reports with."""
    user = person("minjun", Role.CITIZEN)
    user.email = "minjun@example.org"
    user.save()
    return user


def filed(jurisdiction, where=IN_SEOUL, email="minjun@example.org", now=None, **more):
    return services.submit_report(
        jurisdiction,
        services.Submission(
            "pothole",
            "Deep pothole in the bus lane outside exit 3",
            where[0],
            where[1],
            email=email,
            **more,
        ),
        now=now,
    )


def resolved(jurisdiction, staff, when=None, **more):
    report = filed(jurisdiction, **more)
    services.change_status(staff, report, "acknowledged", now=when)
    return services.change_status(staff, report, "resolved", note="Patched", now=when)


# --- Not fixed ---------------------------------------------------------------------------------


def test_the_reporter_says_not_fixed_and_the_report_reopens_with_the_reason(seoul, jiwoo, minjun):
    department = seoul.departments.get(name="Road Management")
    department.email = "roads@seoul.example"
    department.save()
    report = resolved(seoul, jiwoo)
    services.assign(jiwoo, report, department=department)
    reopened = services.reopen_by_citizen(report, "Still a hole after the rain", actor=minjun)
    assert reopened.status.code == "submitted"
    assert reopened.resolved_at is None
    step = Event.objects.get(report=report, verb="reopened")
    assert (step.source.code, step.target.code, step.public) == ("resolved", "submitted", True)
    assert step.note == "Still a hole after the rain"
    assert step.actor == minjun
    audit = AuditEvent.objects.get(verb="reopen_report_by_citizen")
    assert (audit.before, audit.after) == ({"status": "resolved"}, {"status": "submitted"})
    # The followers (Min-jun) are told, and the department gets its own notice with the reason.
    told = Notification.objects.filter(event=step)
    assert sorted(told.values_list("email", flat=True)) == [
        "minjun@example.org",
        "roads@seoul.example",
    ]


def test_the_department_notice_says_why_it_is_reopened(seoul, jiwoo, minjun, mailoutbox):
    department = seoul.departments.get(name="Road Management")
    department.email = "roads@seoul.example"
    department.save()
    report = resolved(seoul, jiwoo)
    services.assign(jiwoo, report, department=department)
    services.reopen_by_citizen(report, "Still a hole after the rain", actor=minjun)
    notice = Notification.objects.get(email="roads@seoul.example", event__verb="reopened")
    assert send_reopen_notice.call(notice.pk) == 1
    assert send_reopen_notice.call(notice.pk) == 0  # claimed once
    (message,) = mailoutbox
    # In the city's first language, Korean: a department's address is an office's.
    assert message.subject.endswith(f"신고 {report.public_id} 다시 열림: 해결되지 않음")
    assert "Still a hole after the rain" in message.body
    assert f"/cps/seoul/staff/reports/{report.public_id}/" in message.body


def test_the_reporter_holding_the_token_may_say_not_fixed_without_signing_in(seoul, jiwoo):
    report = resolved(seoul, jiwoo, email="")
    with pytest.raises(PermissionDenied):
        services.reopen_by_citizen(report, "Still there", token="not-the-token")
    services.reopen_by_citizen(report, "Still there", token=report.token)
    assert Report.objects.get(pk=report.pk).status.code == "submitted"


def test_someone_else_may_not_say_not_fixed(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo, email="someone.else@example.org")
    for actor in (minjun, jiwoo, None):
        with pytest.raises(PermissionDenied):
            services.reopen_by_citizen(report, "Not fixed", actor=actor)
    assert not Event.objects.filter(verb="reopened").exists()


def test_an_open_report_is_not_reopened(seoul, minjun):
    report = filed(seoul)
    with pytest.raises(DomainError, match="is still open"):
        services.reopen_by_citizen(report, "Not fixed", actor=minjun)


def test_after_the_period_not_fixed_is_refused_with_the_date(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo, when=T0)
    with pytest.raises(DomainError, match="ended on 15 March 2026") as refused:
        services.reopen_by_citizen(
            report, "Not fixed", actor=minjun, now=T0 + dt.timedelta(days=14, minutes=1)
        )
    assert refused.value.status_code == 409
    services.reopen_by_citizen(report, "Not fixed", actor=minjun, now=T0 + dt.timedelta(days=14))


def test_a_city_that_gives_no_period_takes_no_not_fixed(seoul, jiwoo, minjun):
    seoul.reopen_days = 0
    seoul.save()
    report = resolved(seoul, jiwoo)
    with pytest.raises(DomainError, match="does not take"):
        services.reopen_by_citizen(report, "Not fixed", actor=minjun)


def test_a_rejected_report_is_reopened_too_whatever_the_staff_moves(seoul, jiwoo, minjun):
    report = filed(seoul)
    services.change_status(jiwoo, report, "rejected", note="Not ours")
    # Staff may only take a rejected report to "acknowledged"; its reporter's say starts over.
    assert ("rejected", "submitted") not in services.allowed_moves(seoul)
    assert services.reopen_by_citizen(report, "It is yours", actor=minjun).status.code == (
        "submitted"
    )


def test_a_reason_is_needed(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    with pytest.raises(DomainError, match="Say what is still wrong"):
        services.reopen_by_citizen(report, "  ", actor=minjun)
    assert Report.objects.get(pk=report.pk).status.code == "resolved"


def test_a_second_not_fixed_on_the_reopened_report_is_refused(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    services.reopen_by_citizen(report, "Not fixed", actor=minjun)
    with pytest.raises(DomainError, match="still open"):
        services.reopen_by_citizen(report, "Not fixed", actor=minjun)  # the page loaded before
    assert Event.objects.filter(verb="reopened").count() == 1


# --- Rating ------------------------------------------------------------------------------------


def test_the_reporter_rates_the_response_once(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    rating = services.rate_response(report, 4, "Quick, thank you", actor=minjun)
    assert (rating.stars, rating.comment) == (4, "Quick, thank you")
    assert AuditEvent.objects.filter(verb="rate_report_response").count() == 1
    with pytest.raises(DomainError, match="already rated"):
        services.rate_response(report, 1, actor=minjun)
    assert Rating.objects.get().stars == 4


def test_a_rating_is_one_to_five_and_refused_otherwise(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    for stars in (0, 6, -1):
        with pytest.raises(DomainError, match="Rate from 1 to 5"):
            services.rate_response(report, stars, actor=minjun)
    with pytest.raises(DomainError, match="at most 1,000"):
        services.rate_response(report, 3, "x" * 1001, actor=minjun)
    assert not Rating.objects.exists()


def test_the_database_holds_one_rating_per_report_and_its_bounds(seoul, jiwoo):
    report = resolved(seoul, jiwoo)
    Rating.objects.create(report=report, stars=5, at=T0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(report=report, stars=3, at=T0)
    other = resolved(seoul, jiwoo)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(report=other, stars=6, at=T0)


def test_only_the_reporter_rates_and_only_within_the_period(seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo, when=T0)
    with pytest.raises(PermissionDenied):
        services.rate_response(report, 5, actor=jiwoo, now=T0)
    with pytest.raises(DomainError, match="ended on"):
        services.rate_response(report, 5, actor=minjun, now=T0 + dt.timedelta(days=15))
    with pytest.raises(DomainError, match="still open"):
        services.rate_response(filed(seoul), 5, actor=minjun)


def test_the_citys_rating_summary_counts_its_own_ratings_only(seoul, jiwoo, minjun):
    for stars in (5, 4, 4):
        services.rate_response(resolved(seoul, jiwoo), stars, actor=minjun)
    officer = officer_of("makati-officer", "makati")
    makati = makati_jurisdiction(officer)
    services.rate_response(resolved(makati, officer, where=IN_MAKATI), 1, actor=minjun)
    summary = services.rating_summary(seoul)
    assert (summary.count, summary.total, summary.shown) == (3, 13, Decimal("4.3"))
    assert services.rating_summary(makati).count == 1


# --- The reporter's mail carries their own link --------------------------------------------------


def test_only_the_reporter_is_sent_the_link_to_their_own_page(seoul, jiwoo, mailoutbox):
    report = filed(seoul)
    services.follow(report, "neighbour@example.org")
    services.change_status(jiwoo, report, "acknowledged")
    services.change_status(jiwoo, report, "resolved", note="Patched")
    step = Event.objects.get(report=report, target__code="resolved")
    for notification in Notification.objects.filter(event=step):
        send_notification.call(notification.pk)
    by_address = {message.to[0]: message.body for message in mailoutbox}
    own = f"/cps/seoul/track/{report.token}/"
    assert own in by_address["minjun@example.org"]
    assert report.token not in by_address["neighbour@example.org"]


def test_the_confirmation_carries_the_reporters_own_link(seoul, mailoutbox):
    from intercity.participation.tasks import send_confirmation

    report = filed(seoul)
    assert send_confirmation.call(report.pk) == 1
    (message,) = mailoutbox
    assert f"/cps/seoul/track/{report.token}/" in message.body


# --- Pages -------------------------------------------------------------------------------------


def url(name, *args, slug="seoul"):
    return reverse(name, args=[slug, *args])


def test_my_reports_lists_only_ones_own_in_every_city_newest_first(client, seoul, minjun):
    makati = makati_jurisdiction()
    older = filed(seoul, now=timezone.now() - dt.timedelta(days=2))
    newer = filed(makati, where=IN_MAKATI)
    other = filed(seoul, email="someone.else@example.org")
    client.force_login(minjun)
    page = client.get("/cps/my-reports/").content.decode()
    assert page.index(newer.public_id) < page.index(older.public_id)
    assert "Makati Civic Participation" in page
    assert "Seoul" in page
    assert other.public_id not in page


def test_my_reports_is_paginated(client, seoul, minjun):
    for _ in range(26):
        filed(seoul)
    client.force_login(minjun)
    first = client.get("/cps/my-reports/").content.decode()
    assert first.count('class="card"') == 25
    assert "Older reports" in first
    assert client.get("/cps/my-reports/?page=2").content.decode().count('class="card"') == 1


def test_my_reports_offers_not_fixed_and_rating_while_the_period_runs(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    client.force_login(minjun)
    page = client.get("/cps/my-reports/").content.decode()
    assert f"Not fixed? Say so (report {report.public_id})" in page
    assert f"Rate the response (report {report.public_id})" in page
    services.rate_response(report, 5, actor=minjun)
    page = client.get("/cps/my-reports/").content.decode()
    assert "Rate the response" not in page


def test_my_reports_asks_a_visitor_to_log_in(client):
    response = client.get("/cps/my-reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_reporter_says_not_fixed_on_the_report_page(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    client.force_login(minjun)
    page = client.get(url("cps_report", report.public_id)).content.decode()
    assert "Is it fixed?" in page
    response = client.post(url("cps_not_fixed", report.public_id), {"reason": "Still there"})
    assert response.status_code == 302
    assert response["Location"] == url("cps_report", report.public_id) + "#fixed"
    assert Report.objects.get(pk=report.pk).status.code == "submitted"
    page = client.get(url("cps_report", report.public_id)).content.decode()
    assert "Reopened: its reporter says it is not fixed" in page
    assert "Still there" in page


def test_the_tracking_token_page_lets_the_reporter_say_not_fixed(client, seoul, jiwoo):
    report = resolved(seoul, jiwoo, email="")
    page = client.get(url("cps_track", report.token))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "It is not fixed: reopen the report" in page.content.decode()
    assert client.get(url("cps_track", "not-a-token")).status_code == 404
    refused = client.post(url("cps_not_fixed", report.public_id), {"reason": "Still", "token": "x"})
    assert refused.status_code == 403
    empty = client.post(
        url("cps_not_fixed", report.public_id), {"reason": "", "token": report.token}
    )
    assert empty.status_code == 400
    assert Report.objects.get(pk=report.pk).status.code == "resolved"
    done = client.post(
        url("cps_not_fixed", report.public_id), {"reason": "Still", "token": report.token}
    )
    assert done["Location"] == url("cps_track", report.token)
    assert Report.objects.get(pk=report.pk).status.code == "submitted"


def test_a_late_not_fixed_says_when_the_period_ended(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo, when=timezone.now() - dt.timedelta(days=30))
    client.force_login(minjun)
    page = client.get(url("cps_report", report.public_id)).content.decode()
    assert "ended on" in page
    assert "It is not fixed" not in page
    late = client.post(url("cps_not_fixed", report.public_id), {"reason": "Still there"})
    assert late.status_code == 409
    assert "ended on" in late.content.decode()


def test_the_reporter_rates_on_the_page_and_staff_see_it(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    client.force_login(minjun)
    bad = client.post(url("cps_rate", report.public_id), {"stars": "9"})
    assert bad.status_code == 400
    done = client.post(url("cps_rate", report.public_id), {"stars": "2", "comment": "Slow"})
    assert done.status_code == 302
    again = client.post(url("cps_rate", report.public_id), {"stars": "5"})
    assert again.status_code == 409
    assert "already rated" in again.content.decode()
    client.force_login(jiwoo)
    staff_page = client.get(url("cps_staff_report", report.public_id)).content.decode()
    assert "Reporter&#x27;s rating" in staff_page or "Reporter's rating" in staff_page
    assert "2 of 5" in staff_page
    assert "Slow" in staff_page
    # The public page never shows the rating.
    client.logout()
    public = client.get(url("cps_report", report.public_id)).content.decode()
    assert "Slow" not in public
    assert "of 5" not in public


def test_others_see_no_reporter_actions_and_cannot_post_them(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo, email="someone.else@example.org")
    client.force_login(minjun)
    assert "Is it fixed?" not in client.get(url("cps_report", report.public_id)).content.decode()
    assert client.post(url("cps_not_fixed", report.public_id), {"reason": "x"}).status_code == 403
    assert client.post(url("cps_rate", report.public_id), {"stars": "1"}).status_code == 403
    client.logout()
    assert client.post(url("cps_rate", report.public_id), {"stars": "1"}).status_code == 403
    assert not Rating.objects.exists()


def test_a_report_of_another_city_is_not_found_under_this_one(client, seoul, minjun):
    officer = officer_of("makati-officer", "makati")
    makati = makati_jurisdiction(officer)
    report = resolved(makati, officer, where=IN_MAKATI)
    client.force_login(minjun)
    assert client.post(url("cps_not_fixed", report.public_id), {"reason": "x"}).status_code == 404
    assert client.get(url("cps_track", report.token)).status_code == 404
    ok = client.post(url("cps_not_fixed", report.public_id, slug="makati"), {"reason": "x"})
    assert ok.status_code == 302


def test_staff_see_the_reason_and_the_queue_marks_the_reopened_report(client, seoul, jiwoo, minjun):
    report = resolved(seoul, jiwoo)
    untouched = filed(seoul)
    services.reopen_by_citizen(report, "Still a hole after the rain", actor=minjun)
    client.force_login(jiwoo)
    staff_page = client.get(url("cps_staff_report", report.public_id)).content.decode()
    assert "Reopened by its reporter on" in staff_page
    assert "Still a hole after the rain" in staff_page
    queue = client.get(url("cps_queue")).content.decode()
    row = queue[queue.index(report.public_id) :]
    assert "Reopened: not fixed" in row[: row.index("</tr>")]
    other = queue[queue.index(untouched.public_id) :]
    assert "Reopened: not fixed" not in other[: other.index("</tr>")]


def test_the_queue_hides_closed_reports_by_default(client, seoul, jiwoo):
    done = resolved(seoul, jiwoo)
    waiting = filed(seoul)
    client.force_login(jiwoo)
    queue = client.get(url("cps_queue")).content.decode()
    assert waiting.public_id in queue
    assert done.public_id not in queue
    assert done.public_id in client.get(url("cps_queue"), {"status": "all"}).content.decode()


# --- The city's period ------------------------------------------------------------------------


@pytest.fixture
def seoul_admin(db):
    return person("seoul-cps-admin", Role.CPS_ADMIN, "seoul")


def test_the_citys_administrator_sets_the_period(client, seoul, seoul_admin):
    client.force_login(seoul_admin)
    page = client.get(url("cps_setup_citizens"))
    assert page.status_code == 200
    assert 'value="14"' in page.content.decode()
    bad = client.post(url("cps_setup_citizens"), {"reopen_days": "400"})
    assert bad.status_code == 400
    assert client.post(url("cps_setup_citizens"), {"reopen_days": "30"}).status_code == 302
    assert Jurisdiction.objects.get(pk=seoul.pk).reopen_days == 30
    audit = AuditEvent.objects.get(verb="set_reopen_days")
    assert (audit.before, audit.after) == ({"reopen_days": 14}, {"reopen_days": 30})


def test_only_the_citys_administrator_sets_the_period(client, seoul, jiwoo):
    assert client.get(url("cps_setup_citizens")).status_code == 302  # log in first
    client.force_login(jiwoo)  # Seoul's staff, not its administrator
    assert client.get(url("cps_setup_citizens")).status_code == 403
    assert client.post(url("cps_setup_citizens"), {"reopen_days": "0"}).status_code == 403
    makati_admin = person("makati-cps-admin", Role.CPS_ADMIN, "makati")
    client.force_login(makati_admin)
    assert client.post(url("cps_setup_citizens"), {"reopen_days": "0"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.set_reopen_days(makati_admin, seoul, 0)
    assert Jurisdiction.objects.get(pk=seoul.pk).reopen_days == 14


def test_the_header_links_my_reports_for_a_signed_in_person_only(client, minjun):
    assert 'href="/cps/my-reports/"' not in client.get("/cps/").content.decode()
    client.force_login(minjun)
    assert 'href="/cps/my-reports/"' in client.get("/cps/").content.decode()


def test_the_admin_edits_the_citys_period(admin_client, seoul):
    page = admin_client.get(f"/admin/participation/jurisdiction/{seoul.pk}/change/")
    assert page.status_code == 200
    assert 'name="reopen_days"' in page.content.decode()


def test_the_dashboard_shows_the_citys_rating_with_its_count(client, seoul, jiwoo, minjun):
    client.force_login(jiwoo)
    assert "No ratings yet." in client.get(url("cps_dashboard")).content.decode()
    for stars in (5, 4, 4, 4):
        services.rate_response(resolved(seoul, jiwoo), stars, actor=minjun)
    page = client.get(url("cps_dashboard")).content.decode()
    assert "4.3 of 5" in page
    assert "from 4 ratings, since the start" in page
    assert "17 stars in all, divided by 4" in page
    assert "minjun" not in page


def test_a_reopened_report_gets_its_target_time_again_from_the_reopening(seoul, jiwoo, minjun):
    first = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    report = resolved(seoul, jiwoo, when=first, now=first)
    target = report.service.target_hours
    assert target, "the seeded pothole service has a target time"
    assert report.expected_at == first + dt.timedelta(hours=target)
    later = first + dt.timedelta(days=3)
    reopened = services.reopen_by_citizen(report, "Still there", actor=minjun, now=later)
    assert reopened.expected_at == later + dt.timedelta(hours=target)
    assert not services.is_overdue(reopened, later + dt.timedelta(hours=1))
