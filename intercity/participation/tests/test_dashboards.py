"""Seoul's dashboard on a small dataset whose numbers can be counted by hand, who may see it,
and the public open-data export: no personal data, never another city's reports."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from intercity.participation import dashboards, rules, services, views_dashboard
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db

SEOUL_TIME = ZoneInfo("Asia/Seoul")
# Two weeks, Monday 3 to Sunday 16 March 2025, Seoul time.
PERIOD = dashboards.Period(dt.date(2025, 3, 3), dt.date(2025, 3, 16))
NOW = dt.datetime(2025, 3, 20, 9, 0, tzinfo=SEOUL_TIME)
NORTH_EAST = ("37.700000", "127.180000")  # cell A5
CORNER_NE = ("37.715000", "127.184000")  # the bounds' corner: still A5
CORNER_SW = ("37.413000", "126.764000")  # E1


def at(day, hour, minute=0):
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=SEOUL_TIME)


def file(jurisdiction, service, when, where=IN_SEOUL, **extra):
    data = {
        "service_code": service,
        "description": f"{service} filed {when:%d %H:%M}",
        "latitude": where[0] if where else None,
        "longitude": where[1] if where else None,
    }
    data.update(extra)
    return services.submit_report(jurisdiction, services.Submission(**data), now=when)


def close(staff, report, hours, target="resolved"):
    """Acknowledge after an hour, then close `hours` after filing."""
    if target == "resolved":
        services.change_status(
            staff, report, "acknowledged", now=report.requested_at + dt.timedelta(hours=1)
        )
    services.change_status(
        staff, report, target, now=report.requested_at + dt.timedelta(hours=hours)
    )


@pytest.fixture
def march(seoul, jiwoo):
    """Eleven reports filed in the period, two just outside it, one in Makati."""
    made = {}
    for name, day, hours in (("p1", 3, 10), ("p2", 4, 20), ("p3", 5, 30), ("p5", 11, 50)):
        where = NORTH_EAST if name == "p5" else IN_SEOUL
        made[name] = file(seoul, "pothole", at(day, 9), where)
        close(jiwoo, made[name], hours)
    made["p4"] = file(seoul, "pothole", at(6, 9), CORNER_SW)
    close(jiwoo, made["p4"], 40)
    # 00:30 on Monday in Seoul is still Sunday in UTC: it belongs to the first week.
    made["l1"] = file(seoul, "litter", at(3, 0, 30))
    close(jiwoo, made["l1"], 4)
    # 08:00 on Monday 10 March in Seoul is Sunday 23:00 UTC: the second week.
    made["l2"] = file(seoul, "litter", at(10, 8))
    close(jiwoo, made["l2"], 8, target="rejected")
    made["d1"] = file(seoul, "pothole", at(11, 10), NORTH_EAST)
    services.merge(jiwoo, made["d1"], into=made["p5"])
    made["s1"] = file(seoul, "streetlight", at(12, 9))
    services.change_status(jiwoo, made["s1"], "acknowledged", now=at(12, 12))
    made["s2"] = file(seoul, "park", at(16, 20), CORNER_NE)
    made["a1"] = file(seoul, "graffiti", at(14, 9), None, address="12 Sejong-daero")
    # Outside the period, still open and overdue: only the backlog counts them.
    made["o1"] = file(seoul, "pothole", at(2, 23))
    made["o2"] = file(seoul, "pothole", at(17, 0, 30))
    makati = makati_jurisdiction()
    made["m1"] = file(makati, "pothole", at(5, 9), IN_MAKATI)
    return made


def counts(volumes):
    return {v.label: v.count for v in volumes}


def test_volumes_by_service_department_status_and_week(seoul, march):
    assert counts(dashboards.volume_by_service(seoul, PERIOD)) == {
        "Pothole or damaged road": 6,
        "Litter or illegal dumping": 2,
        "Street light out": 1,
        "Park or playground damage": 1,
        "Graffiti": 1,
        "Bus stop problem": 0,
    }
    assert counts(dashboards.volume_by_department(seoul, PERIOD)) == {
        "Road Management": 7,
        "Sanitation": 3,
        "Parks and Greenery": 1,
        "Transport": 0,
    }
    assert [(v.label, v.count) for v in dashboards.volume_by_status(seoul, PERIOD)] == [
        ("Submitted", 2),
        ("Acknowledged", 1),
        ("In progress", 0),
        ("Resolved", 6),
        ("Rejected", 1),
        ("Duplicate", 1),
    ]
    weeks = dashboards.volume_by_week(seoul, PERIOD)
    assert [(w.key, w.count) for w in weeks] == [
        (dt.date(2025, 3, 3), 5),
        (dt.date(2025, 3, 10), 6),
    ]


def test_volume_by_area_is_a_grid_over_the_city_with_the_edges_inside(seoul, march):
    grid = dashboards.volume_by_area(seoul, PERIOD)
    found = {cell.label: cell.count for cell in grid.cells if cell.count}
    assert found == {"A5": 3, "C3": 6, "E1": 1}
    assert grid.without_location == 1
    assert grid.total == 11
    assert [row[0].label for row in grid.rows] == ["A1", "B1", "C1", "D1", "E1"]
    north_west = grid.rows[0][0]
    assert (north_west.min_latitude, north_west.max_latitude) == (
        seoul.max_latitude - (seoul.max_latitude - seoul.min_latitude) / 5,
        seoul.max_latitude,
    )


def within(time):
    """What the histogram shows for an exact time: its bucket's upper edge."""
    return rules.bucket_upper_edge(rules.resolution_bucket(time))


def test_median_and_90th_percentile_time_to_resolve(seoul, march):
    times = dashboards.resolution_times(seoul, PERIOD)
    hours = dt.timedelta(hours=1)
    # Closed in the period, duplicates left out: 4, 8 (rejected), 10, 20, 30, 40, 50 hours.
    # Median, nearest rank: the 4th of 7 = 20 h; 90th percentile: the 7th (0.9 x 7 = 6.3) = 50 h;
    # each shown as the upper edge of its bucket, at most a tenth above.
    assert times.statuses == ["Resolved", "Rejected"]
    assert times.overall == dashboards.Percentiles(7, within(20 * hours), within(50 * hours))
    assert 20 * hours < times.overall.median <= 22 * hours
    by_service = {s.name: s.times for s in times.by_service}
    # Potholes 10..50 h: median the 3rd = 30 h, 90th percentile the 5th = 50 h.
    assert by_service["Pothole or damaged road"] == dashboards.Percentiles(
        5, within(30 * hours), within(50 * hours)
    )
    # Litter 4 and 8 h: median the 1st = 4 h, 90th percentile the 2nd = 8 h.
    assert by_service["Litter or illegal dumping"] == dashboards.Percentiles(
        2, within(4 * hours), within(8 * hours)
    )
    assert by_service["Graffiti"] == dashboards.Percentiles(0, None, None)


def test_backlog_is_what_is_open_now_whatever_the_period(seoul, march):
    backlog = dashboards.backlog(seoul, NOW)
    # s1 (acknowledged, due 14 March), o1 and o2 (potholes due within 72 h) are overdue;
    # s2 (park, 120 h) and a1 (graffiti, 168 h) are open within their target time.
    assert (backlog.open, backlog.overdue) == (5, 3)
    assert {r.label: (r.open, r.overdue) for r in backlog.by_department} == {
        "Road Management": (3, 3),
        "Sanitation": (1, 0),
        "Parks and Greenery": (1, 0),
        "Transport": (0, 0),
    }


def test_a_period_longer_than_allowed_or_backwards_is_refused():
    assert dashboards.Period(dt.date(2025, 1, 1), dt.date(2026, 1, 2)).problem()
    assert dashboards.Period(dt.date(2025, 3, 2), dt.date(2025, 3, 1)).problem()
    assert dashboards.Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).problem() is None


# --- The page ------------------------------------------------------------------------------


def test_seouls_staff_see_the_dashboard_for_the_period_they_choose(client, seoul, march, jiwoo):
    client.force_login(jiwoo)
    page = client.get(
        reverse("cps_dashboard", args=["seoul"]), {"start": "2025-03-03", "end": "2025-03-16"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    # Dates in the reader's locale format (English: "3 March 2025").
    assert "Reports filed from 3 March 2025 to 16 March 2025" in html
    assert '<p class="stat">11</p>' in html  # filed in the period
    assert '<p class="stat">7</p>' in html  # closed, duplicates left out
    # The median (20 h) and 90th percentile (50 h) as their histogram bands' upper edges.
    median = views_dashboard._duration(within(dt.timedelta(hours=20)))
    assert median == "21 h 33 min"
    assert f'<p class="stat">{median}</p>' in html
    assert "90th percentile: 2 d 2 h" in html
    assert "at most a tenth (plus a second) above the exact figure" in html
    assert "Week of 10 Mar 2025" in html
    # The weekly volume is also a chart, with a title and a description, before its table.
    assert '<svg viewBox="0 0 640 200" role="img"' in html
    assert "Reports filed per week</title>" in html
    assert "11 reports in all" in html
    assert html.index("<svg") < html.index("Reports filed per week (Monday to Sunday")
    assert '<span class="visually-hidden">A5: </span>3' in html


def test_a_bad_period_says_why_and_shows_the_default(client, seoul, jiwoo):
    client.force_login(jiwoo)
    url = reverse("cps_dashboard", args=["seoul"])
    longer = client.get(url, {"start": "2020-01-01", "end": "2025-03-16"})
    assert "at most 366 days" in longer.content.decode()
    backwards = client.get(url, {"start": "2025-03-16", "end": "2025-03-01"})
    assert "ends before it starts" in backwards.content.decode()
    garbage = client.get(url, {"start": "next tuesday"})
    assert "Enter a valid date" in garbage.content.decode()


def test_the_dashboard_is_for_the_citys_own_staff_only(client, seoul):
    url = reverse("cps_dashboard", args=["seoul"])
    assert client.get(url).status_code == 302  # to the login page
    makati_jurisdiction()
    client.force_login(staff_of("miguel-staff", "makati"))
    assert client.get(url).status_code == 403
    assert client.get(reverse("cps_dashboard", args=["makati"])).status_code == 200
    assert client.get(reverse("cps_dashboard", args=["atlantis"])).status_code == 404


# --- Open data -----------------------------------------------------------------------------


def rows_of(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_open_data_is_public_and_leaves_out_personal_data(client, seoul, jiwoo):
    private = {
        "first_name": "Min-jun",
        "last_name": "Kimura",
        "email": "minjun@example.org",
        "phone": "+82 10 1234 5678",
        "device_id": "device-7f3a",
        "account_id": "account-42",
    }
    named = file(seoul, "pothole", at(5, 9), **private)
    hidden = file(seoul, "litter", at(6, 9), description="Rude words about my neighbour Soo")
    services.moderate(jiwoo, hidden, hidden=True)
    response = client.get(reverse("cps_open_data", args=["seoul"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = rows_of(response)
    assert list(rows[0]) == list(dashboards.OPEN_DATA_COLUMNS)
    by_id = {r["service_request_id"]: r for r in rows}
    assert by_id[named.public_id]["service_code"] == "pothole"
    assert by_id[named.public_id]["requested_datetime"] == "2025-03-05T09:00:00+09:00"
    assert by_id[named.public_id]["lat"] == IN_SEOUL[0].to_eng_string()
    assert by_id[hidden.public_id]["description"] == ""
    everything = repr(rows)
    for value in [*private.values(), named.token, "Rude words"]:
        assert value not in everything


def test_open_data_never_includes_another_citys_reports_and_filters_by_date(client, seoul):
    ours = file(seoul, "pothole", at(5, 9))
    earlier = file(seoul, "pothole", at(2, 9))
    makati = makati_jurisdiction()
    theirs = file(makati, "pothole", at(5, 9), IN_MAKATI)
    seoul_ids = [r["service_request_id"] for r in rows_of(client.get("/cps/seoul/open-data.csv"))]
    assert seoul_ids == [ours.public_id, earlier.public_id]  # newest first
    assert theirs.public_id not in seoul_ids
    makati_ids = [r["service_request_id"] for r in rows_of(client.get("/cps/makati/open-data.csv"))]
    assert makati_ids == [theirs.public_id]
    march = client.get("/cps/seoul/open-data.csv", {"start": "2025-03-03", "end": "2025-03-16"})
    assert [r["service_request_id"] for r in rows_of(march)] == [ours.public_id]
    assert 'filename="seoul-reports-2025-03-03-2025-03-16.csv"' in march["Content-Disposition"]
    bad = client.get("/cps/seoul/open-data.csv", {"start": "2025-03-16", "end": "2025-03-01"})
    assert bad.status_code == 400
    assert "ends before it starts" in bad.content.decode()
    assert client.get("/cps/atlantis/open-data.csv").status_code == 404
