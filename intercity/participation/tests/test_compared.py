"""Cities compared: Seoul and Makati share their CPS performance with WeGO; the figures can be
counted by hand, only sharing cities appear, a city that stops leaves at once, and no report
or person is ever shown."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network.models import Organisation
from intercity.participation import compared, rules, services
from intercity.participation.models import PerformanceSharing
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
)

pytestmark = pytest.mark.django_db

# What a citizen wrote about herself and where: none of it may reach a comparison.
PERSONAL = {
    "description": "Pothole in front of Kim Min-ji's flat, call me at 010-5555-0199",
    "address": "17 Secret-gil, Jongno-gu",
    "first_name": "Min-ji",
    "last_name": "Kimberley",
    "email": "minji.private@example.org",
    "phone": "010-5555-0199",
}


def population(key, residents, year=2024):
    Organisation.objects.filter(key=key).update(population=residents, population_year=year)


def file(jurisdiction, service, days_ago, where, **extra):
    when = timezone.now() - dt.timedelta(days=days_ago)
    data = {
        "service_code": service,
        "description": f"{service} {days_ago} days ago",
        "latitude": where[0],
        "longitude": where[1],
    }
    data.update(extra)
    return services.submit_report(jurisdiction, services.Submission(**data), now=when)


def resolve(staff, report, hours, status="resolved"):
    if status == "resolved":
        services.change_status(
            staff, report, "acknowledged", now=report.requested_at + dt.timedelta(minutes=30)
        )
    services.change_status(
        staff, report, status, now=report.requested_at + dt.timedelta(hours=hours)
    )


@pytest.fixture
def seoul_admin(db):
    """Seo-jun administers Seoul's CPS."""
    return person("seojun", Role.CPS_ADMIN, "seoul")


@pytest.fixture
def makati(makati_officer):
    """Makati's CPS, set up by Miguel, its city officer."""
    return makati_jurisdiction(makati_officer)


@pytest.fixture
def seoul_reports(seoul, jiwoo):
    """Seoul, 10,000,000 residents (2024): six reports filed in the last 90 days, one a year
    ago. Potholes (target 72 h) resolved in 10, 20, 30 and 100 hours; litter (48 h) in 4."""
    population("seoul", 10_000_000)
    made = {}
    for name, hours in (("p1", 10), ("p2", 20), ("p3", 30), ("p4", 100)):
        made[name] = file(seoul, "pothole", 20, IN_SEOUL, **PERSONAL)
        resolve(jiwoo, made[name], hours)
    made["l1"] = file(seoul, "litter", 10, IN_SEOUL)
    resolve(jiwoo, made["l1"], 4)
    made["s1"] = file(seoul, "streetlight", 5, IN_SEOUL)
    made["old"] = file(seoul, "graffiti", 200, IN_SEOUL)
    return made


@pytest.fixture
def makati_reports(makati, makati_officer):
    """Makati, population unknown: two potholes, one resolved in 12 hours (target 24)."""
    staff = makati_officer
    first = file(makati, "pothole", 3, IN_MAKATI)
    resolve(staff, first, 12)
    file(makati, "pothole", 2, IN_MAKATI)
    return makati


def share_both(seoul, makati, seoul_admin):
    services.share_performance(seoul_admin, seoul, timezone.now())
    officer = Organisation.objects.get(key="makati").role_grants.get(role=Role.CITY_OFFICER).user
    services.share_performance(officer, makati, timezone.now())


# --- Rules -----------------------------------------------------------------------------------


def test_reports_per_thousand_is_exact_to_the_hundredth():
    figure = rules.reports_per_thousand(6, 10_000_000, 2024)
    assert figure.value == Decimal("0.00")
    figure = rules.reports_per_thousand(12_345, 9_400_000, 2024)
    # 12,345 x 1,000 / 9,400,000 = 1.31329... -> 1.31
    assert figure.value == Decimal("1.31")
    assert "12,345" in figure.explanation
    assert "9,400,000" in figure.explanation
    assert "2024" in figure.explanation


def test_reports_per_thousand_rounds_half_to_even():
    # 5 x 1,000 / 400,000 = 0.0125 -> 0.01; 15 x 1,000 / 400,000 = 0.0375 -> 0.04
    assert rules.reports_per_thousand(5, 400_000, 2020).value == Decimal("0.01")
    assert rules.reports_per_thousand(15, 400_000, 2020).value == Decimal("0.04")


@given(st.integers(0, 10**7), st.integers(1, 10**8))
def test_per_thousand_is_the_exact_ratio_to_the_nearest_hundredth(reports, residents):
    figure = rules.reports_per_thousand(reports, residents, 2024)
    exact = Fraction(reports * 1000, residents)
    assert abs(Fraction(figure.value) - exact) <= Fraction(1, 200)


@given(st.integers(0, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_share_within_target_is_exact_and_its_percent_to_the_tenth(pair):
    within, counted = pair
    share = rules.share_within_target(within, counted)
    if not counted:
        assert share.percent is None
        return
    assert share.share == Fraction(within, counted)
    assert abs(Fraction(share.percent) - share.share * 100) <= Fraction(1, 20)
    assert Decimal(0) <= share.percent <= Decimal(100)


def test_population_unknown_gives_no_figure_but_says_why():
    figure = rules.reports_per_thousand(42, None, None)
    assert figure.value is None
    assert "Population unknown" in figure.explanation
    assert "42" in figure.explanation
    assert rules.reports_per_thousand(42, 0, 2020).value is None


def test_population_without_a_year_says_so():
    assert "year not recorded" in rules.reports_per_thousand(1, 1000, None).explanation


def test_negative_reports_are_refused():
    with pytest.raises(ValueError, match="negative"):
        rules.reports_per_thousand(-1, 1000, 2020)


def test_share_within_target_is_a_fraction_shown_as_a_percent():
    share = rules.share_within_target(2, 3)
    assert share.share == Fraction(2, 3)
    assert share.percent == Decimal("66.7")
    assert "2 of 3" in share.explanation
    assert rules.share_within_target(3, 3).percent == Decimal("100.0")


def test_no_report_with_a_target_gives_no_share():
    share = rules.share_within_target(0, 0)
    assert share.share is None
    assert share.percent is None
    assert "No report" in share.explanation


@pytest.mark.parametrize(("within", "counted"), [(4, 3), (-1, 3)])
def test_impossible_shares_are_refused(within, counted):
    with pytest.raises(ValueError, match="between"):
        rules.share_within_target(within, counted)


def test_top_services_are_the_three_most_reported_ties_by_name():
    volumes = [("Litter", 5), ("Graffiti", 9), ("Potholes", 9), ("Parks", 1), ("Bus", 0)]
    assert rules.top_services(volumes) == [("Graffiti", 9), ("Potholes", 9), ("Litter", 5)]
    assert rules.top_services([("Bus", 0)]) == []


def test_a_comparison_needs_two_cities():
    assert rules.comparison_problem(2) is None
    assert "No city" in rules.comparison_problem(0)
    assert "Only 1 city" in rules.comparison_problem(1)


# --- Figures ---------------------------------------------------------------------------------


def _edge(duration):
    return rules.bucket_upper_edge(rules.resolution_bucket(duration))


def test_seouls_figures_count_by_hand(seoul, seoul_reports):
    figures = compared.figures(seoul, 90)
    # Six reports filed in the last 90 days (the one 200 days ago is not).
    assert figures.per_thousand.reports == 6
    assert figures.per_thousand.value == Decimal("0.00")
    # Resolved: 4, 10, 20, 30, 100 hours. Nearest rank: the median is the 3rd (20 h), the 90th
    # percentile the 5th (100 h); the dashboards read them from their histogram, as the upper
    # edge of the bucket that holds them (at most a tenth and a second above).
    assert figures.resolved == 5
    assert figures.median == _edge(dt.timedelta(hours=20))
    assert dt.timedelta(hours=20) < figures.median <= dt.timedelta(hours=22, seconds=1)
    assert figures.p90 == _edge(dt.timedelta(hours=100))
    # With a target: potholes (72 h) 10, 20, 30 within, 100 late; litter (48 h) 4 within.
    assert (figures.within_target.within, figures.within_target.counted) == (4, 5)
    assert figures.within_target.percent == Decimal("80.0")
    assert [name for name, _n in figures.top_services] == [
        "Pothole or damaged road",
        "Litter or illegal dumping",
        "Street light out",
    ]


def test_a_year_counts_the_older_report(seoul, seoul_reports):
    assert compared.figures(seoul, 365).per_thousand.reports == 7


def test_figures_are_cached_per_city_and_period(seoul, seoul_reports, settings, jiwoo):
    settings.CPS_COMPARED_CACHE_SECONDS = 300
    assert compared.figures(seoul, 90).per_thousand.reports == 6
    file(seoul, "pothole", 1, IN_SEOUL)
    assert compared.figures(seoul, 90).per_thousand.reports == 6  # from the cache
    assert compared.figures(seoul, 365).per_thousand.reports == 8  # another period
    cache.clear()
    assert compared.figures(seoul, 90).per_thousand.reports == 7


def test_the_population_is_read_fresh(seoul, seoul_reports):
    compared.figures(seoul, 90)
    population("seoul", 1_000)
    seoul.organisation.refresh_from_db()
    assert compared.figures(seoul, 90).per_thousand.value == Decimal("6.00")


# --- Sharing: who may, audit, concurrency ---------------------------------------------------


def test_the_cps_administrator_shares_and_stops_with_audit_events(seoul, seoul_admin):
    assert services.share_performance(seoul_admin, seoul, timezone.now())
    assert not services.share_performance(seoul_admin, seoul, timezone.now())  # already
    sharing = PerformanceSharing.objects.get(jurisdiction=seoul)
    assert sharing.shared_by == seoul_admin
    assert services.stop_sharing_performance(seoul_admin, seoul)
    assert not services.stop_sharing_performance(seoul_admin, seoul)
    verbs = list(AuditEvent.objects.filter(object_id=str(seoul.pk)).values_list("verb", flat=True))
    assert verbs.count("share_performance") == 1
    assert verbs.count("stop_sharing_performance") == 1


def test_a_city_officer_may_share(seoul, seoul_officer):
    assert services.share_performance(seoul_officer, seoul, timezone.now())


@pytest.mark.parametrize("who", ["makati_officer", "jiwoo", "secretariat", "citizen"])
def test_others_may_not_share_or_stop(request, seoul, seoul_admin, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.share_performance(actor, seoul, timezone.now())
    services.share_performance(seoul_admin, seoul, timezone.now())
    with pytest.raises(PermissionDenied):
        services.stop_sharing_performance(actor, seoul)
    assert PerformanceSharing.objects.filter(jurisdiction=seoul).exists()


def test_another_citys_cps_administrator_may_not_share(seoul, makati):
    makati_admin = person("makati-admin", Role.CPS_ADMIN, "makati")
    with pytest.raises(PermissionDenied):
        services.share_performance(makati_admin, seoul, timezone.now())


# --- The sharing page ------------------------------------------------------------------------


def test_the_sharing_page_shares_and_stops(client, seoul, seoul_admin, seoul_reports):
    client.force_login(seoul_admin)
    url = reverse("cps_sharing", args=["seoul"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Not shared" in page.content.decode()
    response = client.post(url, {"action": "share"}, follow=True)
    assert "now shares its figures" in response.content.decode()
    assert "Shared since" in response.content.decode()
    assert compared.is_sharing(seoul)
    response = client.post(url, {"action": "stop"}, follow=True)
    assert "no longer shares" in response.content.decode()
    assert not compared.is_sharing(seoul)


def test_the_sharing_page_refuses_a_bad_action(client, seoul, seoul_admin):
    client.force_login(seoul_admin)
    response = client.post(reverse("cps_sharing", args=["seoul"]), {"action": "publish"})
    assert response.status_code == 400
    assert not compared.is_sharing(seoul)


def test_the_sharing_page_is_the_citys_own(client, seoul, makati_officer, jiwoo):
    url = reverse("cps_sharing", args=["seoul"])
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    for someone in (makati_officer, jiwoo):
        client.force_login(someone)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "share"}).status_code == 403
    assert not compared.is_sharing(seoul)
    assert client.get(reverse("cps_sharing", args=["nowhere"])).status_code == 404


# --- The network page, the Secretariat's page, the API --------------------------------------


def test_the_network_page_compares_the_sharing_cities(
    client, wego, seoul, makati, seoul_admin, seoul_reports, makati_reports
):
    share_both(seoul, makati, seoul_admin)
    page = client.get(reverse("network", args=["wego"])).content.decode()
    assert "Citizens&#x27; reports compared" in page or "Citizens' reports compared" in page
    table = page[page.index('id="cps-compared-table"') :]
    assert "Seoul" in table
    assert "Makati" in table
    assert "80.0%" in table
    assert "(2024)" in table  # the year of Seoul's population
    assert "population unknown" in table
    assert "21 h 33 min" in table  # Seoul's median, 20 h read from the histogram
    for value in PERSONAL.values():
        assert value not in page
    for report in seoul_reports.values():
        assert report.public_id not in page


def test_fewer_than_two_sharing_cities_are_not_compared(
    client, wego, seoul, makati, seoul_admin, seoul_reports
):
    services.share_performance(seoul_admin, seoul, timezone.now())
    page = client.get(reverse("network", args=["wego"])).content.decode()
    assert "Only 1 city of this network shares its figures" in page
    assert 'id="cps-compared-table"' not in page


def test_a_city_that_stops_sharing_leaves_at_once(
    client, wego, seoul, makati, seoul_admin, seoul_reports, makati_reports, settings
):
    settings.CPS_COMPARED_CACHE_SECONDS = 300
    share_both(seoul, makati, seoul_admin)
    assert "Seoul" in client.get(reverse("network", args=["wego"])).content.decode()
    services.stop_sharing_performance(seoul_admin, seoul)
    api = client.get("/api/v1/cps/compared", {"network": "wego"}).json()
    assert api["shown"] is False
    assert api["cities"] == []
    assert "Only 1 city" in client.get(reverse("network", args=["wego"])).content.decode()


def test_a_disabled_cps_is_not_compared(wego, seoul, makati, seoul_admin):
    share_both(seoul, makati, seoul_admin)
    makati.enabled = False
    makati.save()
    assert compared.network_comparison(wego, 90).sharing == 1


def test_the_table_sorts_by_column(
    client, wego, seoul, makati, seoul_admin, seoul_reports, makati_reports
):
    share_both(seoul, makati, seoul_admin)
    by_median = compared.network_comparison(wego, 90, "median").cities
    assert [c.city for c in by_median] == ["Makati", "Seoul"]  # 12 h before 20 h
    by_share = compared.network_comparison(wego, 90, "within_target").cities
    assert [c.city for c in by_share] == ["Makati", "Seoul"]  # 100% before 80%
    by_per = compared.network_comparison(wego, 90, "per_thousand").cities
    assert [c.city for c in by_per] == ["Seoul", "Makati"]  # unknown last
    page = client.get(reverse("network", args=["wego"]), {"cps_sort": "median"})
    assert 'aria-sort="ascending"' in page.content.decode()
    # Anything else sorts by name.
    assert [c.city for c in compared.network_comparison(wego, 90, "x").cities] == [
        "Makati",
        "Seoul",
    ]


def test_the_secretariat_sees_every_sharing_city(
    client, secretariat, seoul, makati, seoul_admin, seoul_reports, makati_reports
):
    services.share_performance(seoul_admin, seoul, timezone.now())
    client.force_login(secretariat)
    page = client.get(reverse("cps_compared_all"), {"days": "365"}).content.decode()
    assert "Seoul" in page
    assert "Makati" not in page.split('id="cps-compared-table"')[1]
    for value in PERSONAL.values():
        assert value not in page


def test_the_secretariats_page_is_theirs_only(client, seoul_officer, jiwoo):
    url = reverse("cps_compared_all")
    assert client.get(url).status_code == 302
    for someone in (seoul_officer, jiwoo):
        client.force_login(someone)
        assert client.get(url).status_code == 403


def test_the_api_compares_with_the_numbers_behind(
    client, wego, seoul, makati, seoul_admin, seoul_reports, makati_reports
):
    share_both(seoul, makati, seoul_admin)
    response = client.get("/api/v1/cps/compared", {"network": "wego", "days": 90})
    assert response.status_code == 200
    body = response.json()
    assert body["shown"] is True
    assert body["sharing"] == 2
    cities = {c["jurisdiction"]: c for c in body["cities"]}
    seoul_row = cities["seoul"]
    assert seoul_row["reports_filed"] == 6
    assert seoul_row["reports_per_1000"] == "0.00"
    assert seoul_row["median_seconds"] == _edge(dt.timedelta(hours=20)).total_seconds()
    assert seoul_row["p90_seconds"] == _edge(dt.timedelta(hours=100)).total_seconds()
    assert seoul_row["within_target_percent"] == "80.0"
    assert seoul_row["resolved_within_target"] == 4
    assert cities["makati"]["reports_per_1000"] is None
    assert "Population unknown" in cities["makati"]["reports_per_1000_explanation"]
    text = response.content.decode()
    for value in PERSONAL.values():
        assert value not in text


def test_the_api_refuses_bad_input(client):
    assert client.get("/api/v1/cps/compared", {"network": "nowhere"}).status_code == 404
    bad = client.get("/api/v1/cps/compared", {"network": "wego", "days": 30})
    assert bad.status_code == 422
    assert "detail" in bad.json()
    assert client.get("/api/v1/cps/compared").status_code == 422


def test_the_api_says_why_no_city_is_shown(client, wego):
    body = client.get("/api/v1/cps/compared", {"network": "wego"}).json()
    assert body["shown"] is False
    assert body["cities"] == []
    assert "No city of this network" in body["explanation"]


def test_only_members_of_the_network_are_compared(ascn, seoul, makati, seoul_admin):
    share_both(seoul, makati, seoul_admin)
    # Seoul is not a member of ASCN: Makati alone is not compared there.
    comparison = compared.network_comparison(ascn, 90)
    assert comparison.sharing <= 1
    assert comparison.cities == []


def test_the_secretariats_start_page_links_every_sharing_city(rf, secretariat, seoul_officer):
    from intercity.participation.manifest import start_sections

    request = rf.get("/start/")
    request.user = secretariat
    links = [link.url for s in start_sections(request) for link in s.links]
    assert reverse("cps_compared_all") in links
    request.user = seoul_officer
    links = [link.url for s in start_sections(request) for link in s.links]
    assert reverse("cps_compared_all") not in links


def test_the_citys_page_links_the_sharing_setup_for_those_who_decide(
    client, seoul, seoul_admin, jiwoo
):
    url = reverse("organisation", args=[seoul.organisation_id])
    setup = reverse("cps_sharing", args=["seoul"])
    client.force_login(seoul_admin)
    assert setup in client.get(url).content.decode()
    client.force_login(jiwoo)
    assert setup not in client.get(url).content.decode()
