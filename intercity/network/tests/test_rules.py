import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intercity.network import rules
from intercity.network.rules import PeriodState, parse_incumbent_term, refuse_membership_change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-2018", (2014, 2018)),
        ("2015 – 2019", (2015, 2019)),
        ("2016", (2016, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_incumbent_term_is_read_as_years(text, expected):
    assert parse_incumbent_term(text) == expected


@pytest.mark.parametrize("text", ["since 2014", "2018-2014", "14-18"])
def test_unreadable_or_backwards_terms_are_refused(text):
    with pytest.raises(ValueError, match="term"):
        parse_incumbent_term(text)


def test_a_membership_starts_active():
    start = PeriodState(dt.date(2017, 1, 1), "full", "withdrawn")
    assert refuse_membership_change(None, start) == "A membership starts as an active membership."
    assert (
        refuse_membership_change(None, PeriodState(dt.date(2017, 1, 1), "full", "active")) is None
    )


def test_a_change_cannot_predate_the_period_it_closes():
    current = PeriodState(dt.date(2017, 6, 27), "full", "active")
    refusal = refuse_membership_change(
        current, PeriodState(dt.date(2017, 6, 1), "full", "withdrawn")
    )
    assert refusal is not None
    assert "after 2017-06-27" in refusal


def test_a_change_must_change_something():
    current = PeriodState(dt.date(2017, 6, 27), "full", "active")
    refusal = refuse_membership_change(current, PeriodState(dt.date(2018, 1, 1), "full", "active"))
    assert refusal == "The membership is already full (active)."


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
states = st.sampled_from(["active", "suspended", "withdrawn"])
categories = st.sampled_from(["full", "associate", "friendship"])


@given(dates, categories, states, dates, categories, states)
def test_a_later_real_change_is_always_accepted_and_an_earlier_one_never(d1, c1, s1, d2, c2, s2):
    refusal = refuse_membership_change(PeriodState(d1, c1, s1), PeriodState(d2, c2, s2))
    if d2 > d1 and (c1, s1) != (c2, s2):
        assert refusal is None
    else:
        assert refusal is not None


# --- Folding for search, the map's projection ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("São Paulo", "sao paulo"),
        ("SEOUL", "seoul"),
        ("Đà Nẵng", "da nang"),
        ("Hà Nội", "ha noi"),
        ("  Issy-les-Moulineaux ", "issy-les-moulineaux"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_accents_case_and_extra_spaces(text, folded):
    assert rules.fold(text) == folded


def test_a_folded_query_is_found_in_a_folded_name():
    assert rules.fold("sao") in rules.fold("São Paulo")
    assert rules.fold("DA NANG") in rules.fold("Đà Nẵng")


def test_countries_matching_finds_codes_by_folded_name():
    names = {"KR": "South Korea", "KP": "North Korea", "VN": "Viêt Nam", "TH": "Thailand"}
    assert rules.countries_matching("korea", names) == {"KR", "KP"}
    assert rules.countries_matching("VIET", names) == {"VN"}
    assert rules.countries_matching("seoul", names) == set()


def test_countries_matching_ignores_queries_too_short_to_mean_a_country():
    assert rules.countries_matching("a", {"TH": "Thailand"}) == set()
    assert rules.countries_matching("th", {"TH": "Thailand"}) == set()


def test_project_places_a_city_in_map_units():
    seoul = rules.project(37.566, 126.978)
    assert (seoul.x, seoul.y) == (306.98, 46.43)
    assert rules.project(84, -180) == rules.MapPoint(0, 0)


def test_project_refuses_a_place_that_is_not_on_earth():
    with pytest.raises(ValueError, match="not a place on Earth"):
        rules.project(91, 0)
    with pytest.raises(ValueError, match="not a place on Earth"):
        rules.project(0, -181)


def test_view_around_centres_on_a_point_and_stays_inside_the_map():
    middle = rules.view_around(rules.MapPoint(180, 71))
    assert (middle.x, middle.y) == (150, 53)
    corner = rules.view_around(rules.MapPoint(2, 1))
    assert (corner.x, corner.y) == (0, 0)
    far = rules.view_around(rules.MapPoint(359, 141))
    assert far.x + far.width == rules.MAP_WIDTH
    assert far.y + far.height == rules.MAP_HEIGHT
    assert str(middle) == "150 53 60 36"


def test_fit_view_frames_clustered_points_and_keeps_the_maps_proportions():
    points = [rules.MapPoint(280, 60), rules.MapPoint(300, 80)]
    view = rules.fit_view(points)
    assert view.x <= 272
    assert view.x + view.width >= 308
    assert view.y <= 52
    assert view.y + view.height >= 88
    assert 90 <= view.width < 100
    assert round(view.height / view.width, 3) == round(rules.MAP_HEIGHT / rules.MAP_WIDTH, 3)


def test_fit_view_of_points_all_over_the_world_is_the_whole_map():
    view = rules.fit_view([rules.MapPoint(5, 10), rules.MapPoint(355, 130)])
    assert (view.x, view.y, view.width) == (0, 0, rules.MAP_WIDTH)
    assert rules.fit_view([]) == rules.ViewBox(0, 0, rules.MAP_WIDTH, rules.MAP_HEIGHT)
