"""The statute itself, readable: each text's articles as the seeds hold them, the statute
page, two texts compared side by side, the API, and a ruling's link to the article it applied."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from intercity.governance.models import Decision, StatuteArticle, StatuteVersion
from intercity.governance.seed import read
from intercity.governance.services import statute_text

pytestmark = pytest.mark.django_db

OLD, NEW, EXCERPTS = (
    "Statute as amended 2014-11-05",
    "Statute 2017",
    "Statute as amended 2012-11-13",
)
API = "/api/v1/networks/wego/statute"


def article(version: str, number: str) -> StatuteArticle:
    return StatuteArticle.objects.get(
        version__network__slug="wego", version__name=version, number=number
    )


def paragraph(row: StatuteArticle, n: str) -> dict[str, str]:
    return next(p for p in row.paragraphs if p["n"] == n)


# --- The seed ---------------------------------------------------------------------------------


def test_the_2017_text_is_on_record_in_full_from_annex_3(wego):
    rows = StatuteArticle.objects.filter(version__network=wego, version__name=NEW)
    assert [r.number for r in rows] == [str(n) for n in range(1, 23)]
    assert {r.status for r in rows} == {"complete"}
    quorum = article(NEW, "16")
    assert quorum.title == "Quorum"
    assert quorum.part == "Part V General Rules"
    assert "one fourth or more of the total members" in paragraph(quorum, "1")["text"]
    assert quorum.source == "002, Annex 3"


def test_the_2014_text_is_the_old_column_and_no_change_paragraphs_are_the_2017_text():
    quorum = article(OLD, "16")
    assert "one third or more of the total members" in paragraph(quorum, "1")["text"]
    assert "two thirds or more members" in paragraph(quorum, "3")["text"]
    vote = paragraph(quorum, "2")
    assert vote["text"] == paragraph(article(NEW, "16"), "2")["text"]
    assert vote["same_as"] == NEW
    assert "[No Change]" in quorum.note


def test_an_article_the_amendment_table_does_not_quote_is_listed_without_text():
    entry = article(OLD, "17")
    assert entry.status == "missing"
    assert entry.title == "Amendments"
    assert entry.paragraphs == []


def test_the_2012_text_holds_only_the_quoted_excerpts():
    rows = StatuteArticle.objects.filter(version__network__slug="wego", version__name=EXCERPTS)
    assert [r.number for r in rows] == ["4", "6", "8", "10", "12", "13", "14", "15", "16", "18"]
    tie = paragraph(article(EXCERPTS, "16"), "2")["text"]
    assert tie.endswith("In the case of a tie vote, the motion shall be regarded as rejected.")
    assert article(EXCERPTS, "16").status == "partial"


def test_seeding_again_creates_nothing_new(wego):
    before = StatuteArticle.objects.count()
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert StatuteArticle.objects.count() == before
    assert "statute article" not in out.getvalue()


def test_the_seed_refuses_a_no_change_paragraph_the_named_text_does_not_hold(wego):
    version = StatuteVersion.objects.get(network=wego, name=OLD)
    version.articles.filter(number="16").delete()
    records = [
        {"version": NEW, "articles": []},
        {
            "version": OLD,
            "articles": [{"number": "16", "paragraphs": [{"n": "9", "same_as": NEW}]}],
        },
    ]
    with pytest.raises(ValueError, match=r"Art\. 16\.9 is taken from Statute 2017"):
        statute_text.load_articles(wego, records)
    assert not version.articles.filter(number="16").exists()


def test_the_seed_refuses_text_for_an_article_said_to_be_missing_and_unknown_versions(wego):
    StatuteVersion.objects.get(network=wego, name=OLD).articles.filter(number="2").delete()
    bad = [
        {
            "version": OLD,
            "articles": [
                {"number": "2", "status": "missing", "paragraphs": [{"n": "", "text": "x"}]}
            ],
        }
    ]
    with pytest.raises(ValueError, match="missing but has text"):
        statute_text.load_articles(wego, bad)
    with pytest.raises(ValueError, match="no statute version 'Statute 1999'"):
        statute_text.load_articles(wego, [{"version": "Statute 1999", "articles": []}])


def test_a_fresh_load_writes_every_article_of_the_file(wego):
    StatuteArticle.objects.filter(version__network=wego).delete()
    created = statute_text.load_articles(wego, read("wego/statute_articles.yaml"))
    assert created == Counter({"statute article": 54})


# --- The pages --------------------------------------------------------------------------------


def url(name: str, *args: str, slug: str = "wego") -> str:
    return reverse(name, args=[slug, *args])


def test_the_statute_page_lists_the_texts_and_shows_the_latest_with_linkable_articles(client):
    response = client.get(url("governance_statute"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in (EXCERPTS, OLD, NEW):
        assert name in page
    assert 'id="art-16"' in page
    assert 'id="art-16-1"' in page
    assert 'href="#art-16"' in page
    assert "one fourth or more of the total members" in page


def test_one_text_by_its_date_says_which_articles_are_not_in_the_sources(client):
    page = client.get(url("governance_statute_text", "2014-11-05")).content.decode()
    assert "one third or more of the total members" in page
    assert "Text not in the sources." in page
    assert "as in Statute 2017" in page


def test_an_excerpt_text_says_it_is_only_in_part(client):
    page = client.get(url("governance_statute_text", "2012-11-13")).content.decode()
    assert "The sources quote only part of this text" in page


@pytest.mark.parametrize("day", ["1999-01-01", "2017-02-30", "not-a-date"])
def test_an_unknown_text_is_a_404(client, day):
    response = client.get(url("governance_statute_text", day))
    assert response.status_code == 404


def test_a_network_without_a_statute_says_so(client):
    page = client.get(url("governance_statute", slug="ascn")).content.decode()
    assert "No statute is recorded for" in page
    # ... but what its concept note does set out, with the source (004).
    assert "Pilot city" in page
    assert "004, Scope (para. 4)" in page
    assert "WeGO" not in page.split("<main", 1)[-1].split("</main>")[0]
    compare = client.get(url("governance_statute_compare", slug="ascn"))
    assert compare.status_code == 200
    assert "nothing to compare" in compare.content.decode()


def test_the_comparison_shows_what_changed_in_article_16_word_by_word(client):
    response = client.get(url("governance_statute_compare"), {"a": "2014-11-05", "b": "2017-06-28"})
    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index('id="art-16"') :]
    section = section[: section.index("</section>")]
    assert "third" in section[section.index("<del>") :]
    assert "fourth" in section[section.index("<ins>") :]
    assert "struck-through words" in page  # the legend, not colour alone
    assert '<details class="card statute-diff folded" id="art-2">' in page


def test_the_comparison_without_a_choice_compares_the_two_latest_texts(client):
    page = client.get(url("governance_statute_compare")).content.decode()
    assert f"{OLD} and {NEW}" in page


def test_an_excerpt_compared_says_unchanged_only_where_both_are_on_record(client):
    query = {"a": "2012-11-13", "b": "2014-11-05"}
    page = client.get(url("governance_statute_compare"), query).content.decode()
    assert "Article 10 · General Assembly: unchanged where both texts are on record" in page
    assert "Article 1 · Purpose: not comparable" in page
    assert "7 changed, 2 unchanged, 13 not comparable" in page


def test_the_comparison_reads_either_order_earliest_first(client):
    page = client.get(
        url("governance_statute_compare"), {"a": "2017-06-28", "b": "2014-11-05"}
    ).content.decode()
    assert f"{OLD} and {NEW}" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"a": "2017-06-28", "b": "2017-06-28"}, "Choose two different texts to compare."),
        ({"a": "1999-01-01", "b": "2017-06-28"}, "is not one of this network"),
        ({"a": "2017-06-28"}, "This field is required."),
    ],
)
def test_a_bad_comparison_choice_is_said_on_the_form(client, query, message):
    response = client.get(url("governance_statute_compare"), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_network_page_links_to_the_statute(client):
    page = client.get(reverse("network", args=["wego"])).content.decode()
    assert f'href="{url("governance_statute")}"' in page


# --- A ruling links to its article ------------------------------------------------------------


def test_a_ruling_links_each_article_it_applied_to_that_text(client):
    decision = Decision.objects.filter(
        network__slug="wego", statute_version__name=OLD, rule="regional-office-establishment"
    ).first()
    assert decision is not None
    page = client.get(reverse("governance_decision", args=["wego", decision.pk])).content.decode()
    assert "<dt>Articles applied</dt>" in page
    text = url("governance_statute_text", "2014-11-05")
    assert f'<a href="{text}#art-13-6" class="article-link">13.6(a)</a>' in page
    assert f'<a href="{text}#art-16-1" class="article-link">16.1</a>' in page


def test_an_article_the_text_does_not_list_is_not_linked(wego):
    from intercity.governance.templatetags.statute_text import statute_links

    excerpts = StatuteVersion.objects.get(network=wego, name=EXCERPTS)
    html = statute_links("Art. 17 with Art. 16.1, 18.3", excerpts)
    assert "#art-16-1" in html
    assert "#art-17" not in html
    assert '#art-18"' in html  # the excerpt of Art. 18 has no paragraph 3: the article
    assert statute_links("Art. <b>16</b>", None) == "Art. &lt;b&gt;16&lt;/b&gt;"


# --- The API ----------------------------------------------------------------------------------


def test_the_api_lists_the_texts_with_how_much_the_sources_hold(client):
    body = client.get(API).json()
    assert [t["name"] for t in body] == [EXCERPTS, OLD, NEW]
    assert body[1] == {
        "name": OLD,
        "effective_from": "2014-11-05",
        "source": body[1]["source"],
        "complete_articles": 13,
        "partial_articles": 0,
        "missing_articles": 9,
        "whole": True,
    }
    assert body[0]["whole"] is False


def test_the_api_gives_one_texts_articles(client):
    body = client.get(f"{API}/2017-06-28").json()
    assert len(body["articles"]) == 22
    quorum = next(a for a in body["articles"] if a["number"] == "16")
    assert quorum["paragraphs"][0]["n"] == "1"
    assert client.get(f"{API}/1999-01-01").status_code == 404
    assert client.get(f"{API}/nonsense").status_code == 422


def test_the_api_compares_two_texts(client):
    response = client.get(f"{API}/compare", {"a": "2017-06-28", "b": "2014-11-05"})
    assert response.status_code == 200
    body = response.json()
    assert (body["before"]["name"], body["after"]["name"]) == (OLD, NEW)
    quorum = next(a for a in body["articles"] if a["number"] == "16")
    assert quorum["change"] == "changed"
    assert {"kind": "del", "text": "third"} in quorum["before"]
    assert {"kind": "ins", "text": "fourth"} in quorum["after"]


def test_the_api_refuses_a_bad_comparison_with_a_detail(client):
    same = client.get(f"{API}/compare", {"a": "2017-06-28", "b": "2017-06-28"})
    assert same.status_code == 400
    assert same.json() == {"detail": "Choose two different texts to compare."}
    unknown = client.get(f"{API}/compare", {"a": "2017-06-28", "b": "2019-01-01"})
    assert unknown.status_code == 404
    assert client.get("/api/v1/networks/ascn/statute").json() == []
