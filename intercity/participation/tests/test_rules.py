"""What `participation.rules` promises about places and words, checked on any input
(Hypothesis): the distance between two reports, the box that pre-filters nearby reports,
and how alike two descriptions are."""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from intercity.participation.rules import (
    EARTH_RADIUS_M,
    NEAR_MAX_RADIUS_M,
    NEAR_MIN_RADIUS_M,
    Near,
    box_around,
    degrees_around,
    distance_m,
    near_point,
    nearest_first,
    text_similarity,
    words,
)

# Coordinates as the reports store them: degrees to six places (about 11 cm).
latitudes = st.decimals(min_value=-90, max_value=90, places=6)
longitudes = st.decimals(min_value=-180, max_value=180, places=6)
points = st.tuples(latitudes, longitudes)

# Half the Earth's circumference: no two points on the sphere are farther apart.
HALF_WAY_ROUND_M = math.pi * EARTH_RADIUS_M
# Haversine loses precision near antipodal points (the arcsine of almost 1): a few
# centimetres; a metre is far below anything a city measures.
TOLERANCE_M = 1.0


def central_angle(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """The angle between two points seen from the Earth's centre, computed another way than
    `distance_m`: from unit vectors, atan2(|u x v|, u . v), accurate at every distance."""

    def unit(lat: Decimal, lon: Decimal) -> tuple[float, float, float]:
        phi, lam = math.radians(float(lat)), math.radians(float(lon))
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    (ux, uy, uz), (vx, vy, vz) = unit(lat1, lon1), unit(lat2, lon2)
    cross = (uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx)
    return math.atan2(math.hypot(*cross), ux * vx + uy * vy + uz * vz)


# --- distance_m ------------------------------------------------------------------------


@given(points)
def test_a_point_is_no_distance_from_itself(point):
    assert distance_m(*point, *point) == 0


@given(points, points)
def test_distance_is_the_same_both_ways(a, b):
    assert math.isclose(distance_m(*a, *b), distance_m(*b, *a), rel_tol=1e-12, abs_tol=1e-9)


@given(points, points)
def test_no_two_points_are_farther_apart_than_half_way_round_the_earth(a, b):
    assert 0 <= distance_m(*a, *b) <= HALF_WAY_ROUND_M + 1e-6


@given(points, points, points)
def test_going_by_a_third_point_is_never_shorter(a, b, c):
    assert distance_m(*a, *c) <= distance_m(*a, *b) + distance_m(*b, *c) + TOLERANCE_M


@given(points, points)
@example((Decimal(0), Decimal(0)), (Decimal(0), Decimal(180)))  # antipodes on the equator
@example((Decimal(90), Decimal(0)), (Decimal(-90), Decimal(0)))  # pole to pole
@example(
    (Decimal("37.566500"), Decimal("126.978000")), (Decimal("37.566501"), Decimal("126.978"))
)  # 11 cm apart in Seoul
def test_distance_agrees_with_the_angle_between_the_points(a, b):
    expected = EARTH_RADIUS_M * central_angle(*a, *b)
    assert math.isclose(distance_m(*a, *b), expected, abs_tol=TOLERANCE_M)


@given(latitudes)
def test_the_antimeridian_is_no_wall(latitude):
    """180 degrees east and 180 degrees west are the same meridian."""
    assert distance_m(latitude, Decimal(180), latitude, Decimal(-180)) <= TOLERANCE_M


@given(longitudes, longitudes)
def test_at_a_pole_every_longitude_is_the_same_place(lon1, lon2):
    assert distance_m(Decimal(90), lon1, Decimal(90), lon2) <= TOLERANCE_M


# --- degrees_around: the box that pre-filters candidates by index ----------------------


def destination(lat: Decimal, lon: Decimal, bearing: float, metres: float) -> tuple[float, float]:
    """The point `metres` away from (lat, lon) along `bearing` (radians from north)."""
    phi, lam, delta = math.radians(float(lat)), math.radians(float(lon)), metres / EARTH_RADIUS_M
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(bearing)
    )
    lam2 = lam + math.atan2(
        math.sin(bearing) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), math.degrees(lam2)


def stored(degrees: float) -> Decimal:
    return Decimal(repr(degrees)).quantize(Decimal("0.000001"))


@given(
    points,
    st.integers(min_value=1, max_value=50_000),
    st.floats(min_value=0, max_value=2 * math.pi),
    st.floats(min_value=0, max_value=1),
)
@example((Decimal("37.566500"), Decimal("126.978000")), 150, 0.0, 0.999)  # 149.85 m north
def test_the_box_holds_every_point_within_the_distance(centre, metres, bearing, share):
    """A report `metres` or less away is never left out by the index's box (duplicate
    suggestions measure only what the box lets through)."""
    lat, lon = centre
    lat2, lon2 = destination(lat, lon, bearing, share * metres)
    other = stored(max(-90.0, min(90.0, lat2))), stored((lon2 + 180) % 360 - 180)
    assume(distance_m(lat, lon, *other) <= metres)
    dlat, dlon = degrees_around(lat, metres)
    east_west = abs(other[1] - lon)
    assert abs(other[0] - lat) <= dlat
    assert min(east_west, 360 - east_west) <= dlon


# --- Near a point: the box the database answers, then the exact distance -------------

radii = st.integers(min_value=NEAR_MIN_RADIUS_M, max_value=NEAR_MAX_RADIUS_M)


@given(points, radii, st.floats(min_value=0, max_value=2 * math.pi), st.floats(0, 1))
@example((Decimal("37.566500"), Decimal("179.999000")), 20_000, math.pi / 2, 0.9)  # over 180
def test_the_near_box_holds_every_point_within_the_radius(centre, radius, bearing, share):
    """The two ranges the database filters on (no wrap-around: a box over the antimeridian
    is widened to every longitude) never leave out a report within the radius."""
    lat, lon = centre
    lat2, lon2 = destination(lat, lon, bearing, share * radius)
    other = stored(max(-90.0, min(90.0, lat2))), stored((lon2 + 180) % 360 - 180)
    assume(distance_m(lat, lon, *other) <= radius)
    (south, north), (west, east) = box_around(Near(lat, lon, radius))
    assert south <= other[0] <= north
    assert west <= other[1] <= east


@given(points, radii, st.lists(points, max_size=30), st.integers(min_value=0, max_value=40))
def test_nearest_first_keeps_only_points_within_the_radius_in_order(centre, radius, others, cap):
    near = Near(*centre, radius)
    found = nearest_first(near, [(i, *p) for i, p in enumerate(others)], cap)
    distances = [metres for _item, metres in found]
    assert distances == sorted(distances)
    assert all(metres <= radius for metres in distances)
    kept = {item for item, _metres in found}
    within = {i for i, p in enumerate(others) if distance_m(*centre, *p) <= radius}
    assert kept <= within
    assert len(kept) == min(cap, len(within))


@given(points, radii)
def test_a_point_and_radius_in_range_are_taken_as_given(point, radius):
    near = near_point(str(point[0]), str(point[1]), str(radius))
    assert near == Near(point[0], point[1], radius)


def test_nothing_given_is_no_search_near_a_point():
    assert near_point("", " ", "") is None


@given(
    st.one_of(
        st.integers(max_value=NEAR_MIN_RADIUS_M - 1),
        st.integers(min_value=NEAR_MAX_RADIUS_M + 1),
    )
)
def test_a_radius_out_of_bounds_is_refused(radius):
    with pytest.raises(ValueError, match="radius is between"):
        near_point("37.5", "126.9", str(radius))


@pytest.mark.parametrize(
    "given_values",
    [("37.5", "", ""), ("", "126.9", "100"), ("37.5", "126.9", ""), ("", "", "100")],
)
def test_a_half_given_point_is_refused(given_values):
    with pytest.raises(ValueError, match="together"):
        near_point(*given_values)


@pytest.mark.parametrize(
    "given_values",
    [("NaN", "126.9", "100"), ("37.5", "Infinity", "100"), ("90.1", "0", "1"), ("x", "0", "1")],
)
def test_a_point_that_is_no_place_is_refused(given_values):
    with pytest.raises(ValueError, match=r"(?i)latitude|degrees"):
        near_point(*given_values)


# --- text_similarity -------------------------------------------------------------------

texts = st.text(max_size=80)
# Words in a few scripts, with capitals, accents and punctuation between them.
latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçüöñÉÀÇ")
hangul_words = st.text(alphabet=[chr(c) for c in range(0xAC00, 0xAC00 + 400)], min_size=1)
sentences = st.lists(st.one_of(latin_words, hangul_words), max_size=12).flatmap(
    lambda parts: st.sampled_from([" ", ", ", "-", ". "]).map(lambda sep: sep.join(parts))
)


@given(texts, texts)
def test_similarity_is_a_share_between_zero_and_one(a, b):
    assert 0.0 <= text_similarity(a, b) <= 1.0


@given(texts, texts)
def test_similarity_is_the_same_both_ways(a, b):
    assert text_similarity(a, b) == text_similarity(b, a)


@given(texts)
def test_a_description_is_wholly_like_itself_if_it_has_words(a):
    assert text_similarity(a, a) == (1.0 if words(a) else 0.0)


@given(texts, texts)
def test_descriptions_without_a_common_word_are_not_alike(a, b):
    assume(not words(a) & words(b))
    assert text_similarity(a, b) == 0.0


@given(sentences, sentences)
def test_capitals_do_not_matter(a, b):
    assert text_similarity(a.upper(), b) == text_similarity(a, b)
    assert text_similarity(a.lower(), b.title()) == text_similarity(a, b)


@given(texts, texts)
def test_case_folding_does_not_matter(a, b):
    assert text_similarity(a.casefold(), b) == text_similarity(a, b)


@given(st.one_of(sentences, texts), st.one_of(sentences, texts))
@example("Nid-de-poule profond devant le café", "nid-de-poule devant le café")
@example("버스 정류장 앞 깊은 포트홀이 있어요", "정류장 앞 포트홀이 깊어요")
def test_the_same_words_in_another_unicode_form_are_the_same_words(a, b):
    """A phone may send 'é' as one character or as 'e' and an accent, a Korean syllable as
    one character or as its letters (NFC or NFD), a CJK keyboard full-width Latin letters:
    the same words, and the same similarity."""
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert text_similarity(unicodedata.normalize(form, a), b) == text_similarity(a, b)
