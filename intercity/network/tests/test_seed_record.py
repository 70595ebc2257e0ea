"""The seeded register says what seeds 001-004 support, and "unknown" where they are silent."""

import pytest

from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def _members(client, on, **params):
    response = client.get("/api/v1/networks/wego/members", {"on": on, "page_size": 200, **params})
    assert response.status_code == 200
    return {item["organisation"]["name"]: item for item in response.json()["items"]}


def test_edmontons_membership_ended_at_an_unknown_date_for_an_unknown_reason(client):
    # Seed 002 lists Edmonton among the non-member observers of the 2017 GA and counts only
    # three withdrawals since 2014; neither the date nor the way its membership ended is given.
    edmonton = _members(client, "2017-06-28", status="withdrawn")["Edmonton"]
    assert edmonton["date_basis"] == "unknown"
    assert edmonton["end_reason"] == "unknown"

    organisation = Organisation.objects.get(key="edmonton")
    history = client.get(f"/api/v1/organisations/{organisation.pk}").json()["memberships"][0]
    assert history["history"][-1]["end_reason"] == "unknown"
    page = client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Membership ended (reason unknown)" in page
    assert "unknown (no later than 28 June 2017)" in page
    assert "by 28 June 2017" not in page


def test_the_three_withdrawals_are_dated_by_their_applications(client):
    withdrawn = _members(client, "2017-06-28", status="withdrawn")
    for name in ("Nanjing", "Mosman", "Issy-les-Moulineaux"):
        assert withdrawn[name]["date_basis"] == "application"
        assert withdrawn[name]["end_reason"] == "withdrawal"
    nanjing = Organisation.objects.get(key="nanjing")
    page = client.get(f"/organisations/{nanjing.pk}/").content.decode()
    assert "24 November 2014 (application date)" in page


def test_the_five_associates_who_joined_after_the_2017_ga_are_members_from_after_it(client):
    five = {"Accra", "Dhulikhel", "Magas", "Peshawar", "Villa Tapia"}
    on_ga_day = _members(client, "2017-06-28")
    assert not {name for name in on_ga_day if name.startswith(tuple(five))}
    later = _members(client, "2017-07-01", category="associate")
    found = {name: item for name, item in later.items() if name.startswith(tuple(five))}
    assert len(found) == 5
    for item in found.values():
        assert item["since"] == "2017-06-29"
        assert item["date_basis"] == "after"


def test_a_friendship_member_is_one_from_its_approval_not_its_application(client):
    # NITA-U applied on 2016-10-13; the EXCOM approved it on 2017-06-27 (Art. 5.1(c)).
    assert not any("NITA-U" in name for name in _members(client, "2017-06-26"))
    approved = {n: i for n, i in _members(client, "2017-06-27").items() if "NITA-U" in n}
    assert [i["category"] for i in approved.values()] == ["friendship"]
    assert [i["since"] for i in approved.values()] == ["2017-06-27"]


def test_ascn_voting_rights_the_concept_note_does_not_define_are_unknown(client):
    ascn = client.get("/api/v1/networks/ascn").json()
    pilot = next(c for c in ascn["categories"] if c["slug"] == "pilot-city")
    assert pilot["may_vote"] is None
    assert pilot["may_hold_office"] is None
    # The page shows only what ASCN's concept note defines: no voting-rights columns at all.
    page = client.get("/networks/ascn/").content.decode()
    assert "Holds office" not in page
    assert "Holds office" in client.get("/networks/wego/").content.decode()


def test_the_sources_headline_totals_stand_beside_the_registers_count(client):
    wego = client.get("/api/v1/networks/wego").json()
    totals = {t["figure"]: t for t in wego["reported_totals"]}
    assert {126, 121, 120, 69, 48} <= set(totals)
    for total in totals.values():
        assert all(total[key] for key in ("source", "note", "quote"))
        assert total["difference"] == total["figure"] - total["register_count"]
    assert totals[126]["source"].startswith("002")
    assert totals[120]["source"].startswith("003")
    assert totals[48]["as_of"] == "2012-12-31"
    # The register holds fewer than the sources count: the page says so beside its own figure.
    assert 0 < totals[126]["register_count"] < 126
    page = client.get("/networks/wego/").content.decode()
    assert "What the sources count" in page
    assert "126 WeGO members in total (121 cities)" in page
    assert "in the register on" in page
