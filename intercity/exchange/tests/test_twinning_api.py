"""The twinning API: the rounds, and a round's pairs only once published, each with the ranks
the city and the partner gave each other; an unknown round is a 404 with a detail."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.exchange.services import twinning
from intercity.exchange.tests import factories_twinning as make

pytestmark = pytest.mark.django_db


def _published(staff):
    round_ = make.round_()
    make.ranks(round_, "da-nang", ["aiib"])
    make.ranks(round_, "aiib", ["manila", "da-nang"])
    twinning.run_matching(staff, round_, "cities")
    twinning.confirm_all(staff, round_)
    return round_


def test_a_round_shows_its_pairs_once_published(secretariat):
    round_ = _published(secretariat)
    client = Client()
    before = client.get(f"/api/v1/exchange/twinning/rounds/{round_.pk}").json()
    assert before["status"] == "confirmed"
    assert before["pairs"] == []
    twinning.publish(secretariat, round_)
    body = client.get(f"/api/v1/exchange/twinning/rounds/{round_.pk}").json()
    assert body["status"] == "published"
    assert body["stability"] == "No blocking pair: stable."
    [pair] = body["pairs"]
    assert pair["city"]["name"] == "Da Nang"
    assert pair["partner"]["name"] == "Asian Infrastructure Investment Bank (AIIB)"
    assert (pair["city_rank"], pair["city_ranked"]) == (1, 1)
    assert (pair["partner_rank"], pair["partner_ranked"]) == (2, 2)
    assert "at rank 2 of the 2 cities it ranked" in pair["reason"]


def test_the_rounds_are_listed(secretariat):
    round_ = _published(secretariat)
    rows = Client().get("/api/v1/exchange/twinning/rounds").json()
    assert [(r["id"], r["network"], r["year"], r["proposing"]) for r in rows] == [
        (round_.pk, "ascn", 2030, "cities")
    ]


def test_an_unknown_round_is_a_404_with_a_detail():
    response = Client().get("/api/v1/exchange/twinning/rounds/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "No twinning round 999999."}
