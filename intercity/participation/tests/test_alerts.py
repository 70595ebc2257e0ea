"""Alerts: a citizen subscribes by e-mail to the new reports near a point or in an area of the
map grid, confirms by the link mailed to them, gets one e-mail per new report of the place
(never a hidden one, never their own, never another city's) and stops it in one click. The
follower of a report stops following it in one click too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from intercity.core.errors import DomainError
from intercity.core.tests.queued import queued, run_queued
from intercity.participation import alerts, dashboards, rules, services
from intercity.participation.models import Alert, AlertMail, Follower, Report
from intercity.participation.tasks import (
    match_alerts,
    send_alert,
    send_alert_confirmation,
    send_notification,
)
from intercity.participation.tests.factories import IN_MAKATI, IN_SEOUL, makati_jurisdiction

SITE = "https://cities.example.org"
NORTH_100M = Decimal("0.000899")  # about 100 m of latitude
CITY_HALL = rules.Near(IN_SEOUL[0], IN_SEOUL[1], 500)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def filed(jurisdiction, latitude=IN_SEOUL[0], longitude=IN_SEOUL[1], **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane",
        "latitude": latitude,
        "longitude": longitude,
        "first_name": "Min-jun",
        "last_name": "Kim",
        "email": "minjun@example.org",
        "phone": "010-1234-5678",
        **overrides,
    }
    return services.submit_report(jurisdiction, services.Submission(**data))


def subscribed(jurisdiction, email="sora@example.org", place=None, confirm=True, **kwargs):
    alert, _created = alerts.subscribe(
        jurisdiction, email=email, place=place or alerts.Place(near=CITY_HALL), **kwargs
    )
    if confirm:
        alerts.confirm(jurisdiction, alert.token)
        alert.refresh_from_db()
    return alert


def alert_mails_to(mailoutbox, address):
    """The alert mails (not the confirmation) sent to the address, in whatever language."""
    return [
        m
        for m in mailoutbox
        if m.to == [address]
        and "/alerts/unsubscribe/" in m.extra_headers.get("List-Unsubscribe", "")
    ]


# --- Rules ---------------------------------------------------------------------------------------

offsets = st.decimals(min_value=Decimal("-0.2"), max_value=Decimal("0.2"), places=6)
radii = st.integers(min_value=rules.NEAR_MIN_RADIUS_M, max_value=rules.NEAR_MAX_RADIUS_M)
latitudes = st.decimals(min_value=Decimal(-80), max_value=Decimal(80), places=6)
longitudes = st.decimals(min_value=Decimal(-179), max_value=Decimal(179), places=6)


@given(latitudes, longitudes, radii, offsets, offsets)
@example(IN_SEOUL[0], IN_SEOUL[1], 150, Decimal("0.001348"), Decimal(0))  # 149.9 m due north
def test_a_radius_alert_holds_exactly_the_points_within_its_haversine_distance(
    latitude, longitude, radius, d_lat, d_lon
):
    centre = rules.Near(latitude, longitude, radius)
    point = (latitude + d_lat, longitude + d_lon)
    within = rules.distance_m(latitude, longitude, *point) <= radius
    box = rules.circle_box(centre)
    assert rules.alert_matches(rules.RADIUS, box, centre, *point) == within
    if within:  # the database's prefilter never drops a point of the circle
        assert box.contains(*point)


@given(latitudes, longitudes, radii)
def test_a_circle_box_is_never_taller_than_the_band_the_database_reads(latitude, longitude, radius):
    box = rules.circle_box(rules.Near(latitude, longitude, radius))
    seoul = rules.Bounds(Decimal("37.4"), Decimal("37.7"), Decimal("126.7"), Decimal("127.1"))
    assert box.max_latitude - box.min_latitude <= rules.alert_band(seoul, dashboards.GRID)


def test_a_point_without_coordinates_is_in_no_alert():
    box = rules.circle_box(CITY_HALL)
    assert not rules.alert_matches(rules.RADIUS, box, CITY_HALL, None, None)
    assert not rules.alert_matches(rules.AREA, box, None, None, IN_SEOUL[1])


def test_the_grid_cells_are_the_dashboards_cells(seoul):
    grid = dashboards.volume_by_area(seoul, dashboards.Period.ending(dashboards.dt.date.today()))
    for cell in grid.cells:
        bounds = alerts.area_bounds(seoul, cell.label)
        assert (bounds.min_latitude, bounds.max_latitude) == (cell.min_latitude, cell.max_latitude)
        assert (bounds.min_longitude, bounds.max_longitude) == (
            cell.min_longitude,
            cell.max_longitude,
        )


@pytest.mark.parametrize("label", ["", "A", "A0", "A6", "F1", "Z9", "1A", "AA", "A1x"])
def test_a_label_that_is_no_cell_is_refused(label):
    bounds = rules.Bounds(Decimal(0), Decimal(1), Decimal(0), Decimal(1))
    assert rules.grid_cell(bounds, label, dashboards.GRID, dashboards.ROW_NAMES) is None


# --- Subscribing: double opt-in ------------------------------------------------------------------


def test_subscribing_mails_a_confirmation_and_nothing_else_until_it_is_followed(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = subscribed(seoul, confirm=False)
    assert queued(send_alert_confirmation) == [[alert.pk]]
    assert run_queued() == 1
    (confirmation,) = mailoutbox
    link = f"{SITE}/cps/seoul/alerts/confirm/{alert.token}/"
    assert confirmation.to == ["sora@example.org"]
    assert link in confirmation.body
    assert "List-Unsubscribe" not in confirmation.extra_headers  # asked for, nothing to stop yet

    with django_capture_on_commit_callbacks(execute=True):
        filed(seoul, latitude=IN_SEOUL[0] + NORTH_100M)
    run_queued()
    assert alert_mails_to(mailoutbox, "sora@example.org") == []  # not confirmed
    assert AlertMail.objects.count() == 0


def test_the_confirmation_link_asks_then_confirms_and_the_next_report_is_mailed(
    client, seoul, mailoutbox, django_capture_on_commit_callbacks
):
    alert = subscribed(seoul, confirm=False)
    url = reverse("cps_alert_confirm", args=["seoul", alert.token])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Confirm the alert" in page.content
    alert.refresh_from_db()
    assert alert.confirmed_at is None  # a mail scanner opening the link confirms nothing
    assert client.post(url).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        report = filed(seoul, latitude=IN_SEOUL[0] + NORTH_100M)
    assert queued(match_alerts) == [[report.pk]]
    run_queued()
    run_queued()  # the matching queued the sending
    (message,) = alert_mails_to(mailoutbox, "sora@example.org")
    assert report.public_id in message.subject
    assert f"{SITE}/cps/seoul/reports/{report.public_id}/" in message.body
    unsubscribe = f"{SITE}/cps/seoul/alerts/unsubscribe/{alert.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for personal in ("Min-jun", "Kim", "minjun@example.org", "010-1234-5678"):
        assert personal not in message.body
        assert personal not in message.alternatives[0][0]


def test_subscribing_twice_to_the_same_place_is_a_no_op_with_a_message(client, seoul):
    data = {"email": "Sora@Example.org", "place": "radius", "lat": "37.5665", "long": "126.978"}
    data["radius"] = "500"
    first = client.post(reverse("cps_alerts", args=["seoul"]), data, follow=True)
    assert b"we sent a link to sora@example.org" in first.content
    again = client.post(reverse("cps_alerts", args=["seoul"]), data, follow=True)
    assert b"already has an alert for this place" in again.content
    assert Alert.objects.count() == 1


def test_an_area_alert_and_a_point_alert_of_one_address_are_two_alerts(seoul):
    subscribed(seoul)
    subscribed(seoul, place=alerts.Place(area="C3"))
    subscribed(seoul, place=alerts.Place(area="c3"))
    assert Alert.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"place": "radius", "lat": "37.5665", "long": "126.978", "radius": "20001"},
        {"place": "radius", "lat": "37.5665", "long": "126.978", "radius": "0"},
        {"place": "radius", "lat": "37.5665", "long": "", "radius": "500"},
        {"place": "radius", "lat": "nan", "long": "126.978", "radius": "500"},
        {"place": "radius", "lat": "14.5547", "long": "121.0244", "radius": "500"},  # Makati
        {"place": "area", "area": ""},
        {"place": "area", "area": "Z9"},
        {"place": "anywhere"},
        {"place": "radius", "lat": "37.5665", "long": "126.978", "radius": "500", "email": "x"},
        {"place": "area", "area": "C3", "service": "no-such-service"},
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(client, seoul, data):
    response = client.post(
        reverse("cps_alerts", args=["seoul"]), {"email": "sora@example.org", **data}
    )
    assert response.status_code == 400
    assert b"Nothing was saved." in response.content
    assert Alert.objects.count() == 0


def test_the_service_refuses_a_point_outside_the_city_and_an_unknown_area(seoul):
    with pytest.raises(DomainError):
        alerts.subscribe(
            seoul, email="a@example.org", place=alerts.Place(near=rules.Near(*IN_MAKATI, 500))
        )
    with pytest.raises(DomainError):
        alerts.subscribe(seoul, email="a@example.org", place=alerts.Place(area="K1"))
    with pytest.raises(DomainError):
        alerts.subscribe(seoul, email="not an address", place=alerts.Place(area="A1"))
    assert Alert.objects.count() == 0


# --- A new report ------------------------------------------------------------------------------


def test_one_mail_per_alert_and_report_however_often_the_matching_runs(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(seoul)
    subscribed(seoul, place=alerts.Place(area=label_of(seoul, IN_SEOUL)))
    with django_capture_on_commit_callbacks(execute=True):
        report = filed(seoul)
    assert match_alerts.call(report.pk) == 2
    assert match_alerts.call(report.pk) == 2  # still unsent: queued again, not twice over
    assert AlertMail.objects.filter(report=report).count() == 2
    run_queued()
    assert len(alert_mails_to(mailoutbox, "sora@example.org")) == 2  # one per alert
    assert match_alerts.call(report.pk) == 0
    assert all(send_alert.call(m.pk) == 0 for m in AlertMail.objects.all())
    assert len(alert_mails_to(mailoutbox, "sora@example.org")) == 2


def label_of(jurisdiction, point):
    for label in alerts.area_labels():
        if alerts.area_bounds(jurisdiction, label).contains(*point):
            return label
    raise AssertionError("not in the grid")


def test_a_report_outside_the_place_or_of_another_service_is_not_mailed(seoul, mailoutbox):
    far = subscribed(seoul, email="far@example.org")
    graffiti = services.service_type_of(seoul, "graffiti")
    only_graffiti = subscribed(seoul, email="g@example.org", service=graffiti)
    corner = subscribed(seoul, email="corner@example.org", place=alerts.Place(area="A1"))
    report = filed(seoul, latitude=IN_SEOUL[0] + 6 * NORTH_100M)  # 600 m north
    assert alerts.matching(report) == []
    near = filed(seoul, latitude=IN_SEOUL[0] + NORTH_100M)
    assert alerts.matching(near) == [far]
    assert only_graffiti not in alerts.matching(near)
    assert corner not in alerts.matching(near)


def test_the_reporter_is_not_alerted_of_their_own_report(seoul):
    subscribed(seoul, email="MinJun@example.org")
    report = filed(seoul)
    assert alerts.matching(report) == []


def test_a_rolled_back_report_queues_and_sends_nothing(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(seoul)

    def failing_request():
        with transaction.atomic():
            filed(seoul, description="Rolled back before commit")
            raise RuntimeError("the request failed after the report was stored")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_request()
    assert not Report.objects.filter(description="Rolled back before commit").exists()
    assert queued(match_alerts) == []
    run_queued()
    assert alert_mails_to(mailoutbox, "sora@example.org") == []


def test_a_hidden_report_is_never_alerted(
    seoul, jiwoo, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(seoul)
    with django_capture_on_commit_callbacks(execute=True):
        report = filed(seoul)
    assert match_alerts.call(report.pk) == 1
    services.moderate(jiwoo, report, hidden=True)  # moderated before the worker sent it
    run_queued()
    assert alert_mails_to(mailoutbox, "sora@example.org") == []
    assert alerts.matching(Report.objects.get(pk=report.pk)) == []


def test_another_citys_alerts_never_hear_of_a_report(seoul, mailoutbox):
    makati = makati_jurisdiction()
    subscribed(makati, place=alerts.Place(near=rules.Near(*IN_MAKATI, 20_000)))
    subscribed(makati, email="m2@example.org", place=alerts.Place(area="C3"))
    assert alerts.matching(filed(seoul)) == []
    assert len(alerts.matching(filed(makati, *IN_MAKATI))) == 2


def test_the_database_prefilters_alerts_by_their_box(seoul, django_assert_num_queries):
    """A new report reads only the alerts whose box holds it, in one query, whatever the
    number of alerts elsewhere in the city."""
    near = subscribed(seoul)
    for n in range(30):
        spot = rules.Near(Decimal("37.42") + n * 10 * NORTH_100M, Decimal("126.77"), 100)
        subscribed(seoul, email=f"elsewhere{n}@example.org", place=alerts.Place(near=spot))
    report = filed(seoul)
    assert list(alerts.candidates(report)) == [near]
    with django_assert_num_queries(1):
        assert alerts.matching(report) == [near]


def test_an_area_alert_keeps_its_bounds_when_the_grid_changes(seoul):
    alert = subscribed(seoul, place=alerts.Place(area="C3"))
    before = alerts.area_bounds(seoul, "C3")
    seoul.max_latitude += Decimal("0.5")  # the city's map area is redrawn
    seoul.save()
    alert.refresh_from_db()
    assert (alert.min_latitude, alert.max_latitude) == (before.min_latitude, before.max_latitude)
    assert alerts.area_bounds(seoul, "C3") != before


# --- One click ---------------------------------------------------------------------------------


def test_one_click_unsubscribe_posts_without_a_session_or_csrf(seoul):
    alert = subscribed(seoul)
    url = reverse("cps_alert_unsubscribe", args=["seoul", alert.token])
    mail_client = Client(enforce_csrf_checks=True)
    asked = mail_client.get(url)
    assert asked.status_code == 200
    assert Alert.objects.filter(pk=alert.pk).exists()  # a GET only asks
    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert mail_client.post(url).status_code == 200  # a second click: same answer


def test_a_followers_update_mail_stops_that_follow_in_one_click(
    seoul, jiwoo, mailoutbox, django_capture_on_commit_callbacks
):
    report = filed(seoul, email="")
    other = filed(seoul, email="", description="Another pothole nearby, by the bus stop")
    services.follow(report, "hana@example.org")
    services.follow(other, "hana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(jiwoo, report, "acknowledged")
    ((notification_id,),) = queued(send_notification)
    assert send_notification.call(notification_id) == 1
    (message,) = mailoutbox
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert link.startswith(f"{SITE}/cps/seoul/follow/stop/")
    assert link in message.body
    path = link.removeprefix(SITE)

    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.get(path).status_code == 200
    assert Follower.objects.filter(report=report, email="hana@example.org").exists()
    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Follower.objects.filter(report=report).exists()
    assert Follower.objects.filter(report=other, email="hana@example.org").exists()


def test_a_tampered_unfollow_link_is_refused(client, seoul):
    report = filed(seoul)
    token = alerts.unfollow_token(report, "minjun@example.org")
    response = client.post(
        reverse("cps_unfollow", args=["seoul", token[:-3] + "xyz"]),
    )
    assert response.status_code == 400
    assert Follower.objects.filter(report=report).exists()


# --- Tenancy -----------------------------------------------------------------------------------


def test_one_citys_links_do_nothing_in_another_city(client, seoul):
    makati = makati_jurisdiction()
    alert = subscribed(seoul, confirm=False)
    report = filed(seoul)
    unfollow = alerts.unfollow_token(report, "minjun@example.org")
    for name, token in [
        ("cps_alert_confirm", alert.token),
        ("cps_alert_unsubscribe", alert.token),
        ("cps_unfollow", unfollow),
    ]:
        assert client.get(reverse(name, args=[makati.slug, token])).status_code == 404
        assert client.post(reverse(name, args=[makati.slug, token])).status_code in (200, 404)
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    assert Alert.objects.filter(pk=alert.pk).exists()
    assert Follower.objects.filter(report=report).exists()


def test_the_alerts_page_of_a_city_that_does_not_run_the_system_is_not_found(client, seoul):
    assert client.get("/cps/nowhere/alerts/").status_code == 404


def test_the_alerts_page_fills_in_the_point_from_the_link(client, seoul):
    page = client.get(reverse("cps_alerts", args=["seoul"]), {"lat": "37.5", "radius": "300"})
    assert page.status_code == 200
    assert b'value="37.5"' in page.content
    assert b'value="300"' in page.content


def test_an_alert_mails_in_the_language_it_was_made_in_else_the_citys(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(seoul, email="ana@example.org", language="es")
    subscribed(seoul, email="jiho@example.org")  # made without a language: Seoul's first
    with django_capture_on_commit_callbacks(execute=True):
        report = filed(seoul)
    match_alerts.call(report.pk)
    run_queued()
    (spanish,) = alert_mails_to(mailoutbox, "ana@example.org")
    (korean,) = alert_mails_to(mailoutbox, "jiho@example.org")
    assert "nuevo reporte" in spanish.subject
    assert "새 신고" in korean.subject


def test_the_short_form_of_a_reports_page_subscribes_near_the_report(client, seoul):
    report = filed(seoul)
    page = client.get(reverse("cps_report", args=["seoul", report.public_id])).content.decode()
    assert 'action="/cps/seoul/alerts/"' in page
    response = client.post(
        reverse("cps_alerts", args=["seoul"]),
        {
            "place": "radius",
            "lat": str(report.latitude),
            "long": str(report.longitude),
            "radius": "500",
            "email": "sora@example.org",
        },
    )
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert (alert.latitude, alert.longitude, alert.radius_m) == (
        report.latitude,
        report.longitude,
        500,
    )
    assert alert.confirmed_at is None


def test_the_near_me_list_offers_alerts_even_with_no_report_in_range(client, seoul):
    page = client.get(
        reverse("cps_reports", args=["seoul"]), {"lat": "37.70", "long": "127.10", "radius": "50"}
    ).content.decode()
    assert "Get alerts of new reports near here" in page
    assert 'name="lat" value="37.700000"' in page


def test_an_address_with_alerts_awaiting_confirmation_is_sent_no_more(
    client, seoul, django_capture_on_commit_callbacks
):
    for label in alerts.area_labels()[: alerts.MAX_UNCONFIRMED]:
        subscribed(seoul, email="victim@example.org", place=alerts.Place(area=label), confirm=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cps_alerts", args=["seoul"]),
            {"email": "victim@example.org", "place": "area", "area": "E5"},
        )
    assert response.status_code == 400
    assert b"waiting for confirmation" in response.content
    assert queued(send_alert_confirmation) == []
    assert Alert.objects.filter(email="victim@example.org").count() == alerts.MAX_UNCONFIRMED
    # The same place again is still the friendly no-op, not this refusal.
    again = alerts.subscribe(
        seoul, email="victim@example.org", place=alerts.Place(area=alerts.area_labels()[0])
    )
    assert again[1] is False


def test_the_nightly_purge_deletes_alerts_nobody_confirmed_within_seven_days(seoul):
    stale = subscribed(seoul, email="typed@example.org", confirm=False)
    fresh = subscribed(
        seoul, email="typed@example.org", place=alerts.Place(area="E5"), confirm=False
    )
    kept = subscribed(seoul, email="sora@example.org")
    old = timezone.now() - dt.timedelta(days=alerts.UNCONFIRMED_DAYS, minutes=1)
    Alert.objects.filter(pk__in=[stale.pk, kept.pk]).update(created_at=old)
    assert alerts.purge_unconfirmed(timezone.now()) == 1
    assert set(Alert.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    assert alerts.purge_unconfirmed(timezone.now()) == 0


def test_stale_unconfirmed_alerts_no_longer_block_the_address_before_the_purge(seoul):
    for label in alerts.area_labels()[: alerts.MAX_UNCONFIRMED]:
        subscribed(seoul, email="victim@example.org", place=alerts.Place(area=label), confirm=False)
    with pytest.raises(DomainError, match="waiting for confirmation"):
        subscribed(seoul, email="victim@example.org", confirm=False)
    Alert.objects.update(
        created_at=timezone.now() - dt.timedelta(days=alerts.UNCONFIRMED_DAYS, minutes=1)
    )
    alert = subscribed(seoul, email="victim@example.org", confirm=False)
    assert alert.confirmed_at is None


def test_the_purge_is_a_scheduled_job_that_words_its_count():
    from intercity.core import schedules

    job = schedules.find("participation.unconfirmed-alerts-purge")
    schedules.check_cron(job.cron)
    assert job.describe({"deleted": 2}) == "2 unconfirmed alerts deleted"
