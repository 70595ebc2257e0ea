import pytest
from django.urls import reverse

from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def test_home_lists_both_networks(client):
    page = client.get("/").content.decode()
    assert "WeGO" in page
    assert "ASCN" in page


def test_network_page_shows_officers_offices_and_counts(client):
    response = client.get(reverse("network", args=["wego"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Executive Vice President" in page
    assert "Makati" in page
    assert "Regional offices" in page
    assert "By category" in page
    assert "By region" in page


def test_unknown_network_page_is_404(client):
    assert client.get("/networks/atlantis/").status_code == 404


def test_directory_filters_by_status_and_date(client):
    response = client.get(
        reverse("directory", args=["wego"]), {"status": "withdrawn", "on": "2017-06-28"}
    )
    page = response.content.decode()
    assert "4 organisations" in page
    for name in ("Nanjing", "Mosman", "Issy-les-Moulineaux", "Edmonton"):
        assert name in page


def test_directory_search_by_name(client):
    page = client.get(reverse("directory", args=["wego"]), {"q": "gaziantep"}).content.decode()
    assert "1 organisation " in page
    assert "Gaziantep" in page


def test_directory_answers_htmx_with_the_results_only(client):
    response = client.get(
        reverse("directory", args=["ascn"]), {"country": "TH"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "Bangkok" in page


def test_directory_bad_filter_says_so(client):
    response = client.get(reverse("directory", args=["wego"]), {"on": "yesterday"})
    assert response.status_code == 400
    assert "Please correct the filters" in response.content.decode()


def test_profile_shows_membership_history(client):
    goyang = Organisation.objects.get(name="Goyang")
    page = client.get(reverse("organisation", args=[goyang.pk])).content.decode()
    assert "Membership history" in page
    assert "Associate" in page
    assert "27 June 2017" in page


def test_anonymous_visitors_are_sent_to_log_in_before_editing(client):
    seoul = Organisation.objects.get(key="seoul")
    response = client.get(reverse("organisation_edit", args=[seoul.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_officer_edits_own_city(client, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    client.force_login(seoul_officer)
    form = client.get(reverse("organisation_edit", args=[seoul.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "official_languages"}
    data.update(
        {
            "leader_name": "Won-soon Park",
            "leader_title": "Mayor",
            "official_languages_text": "Korean, English",
        }
    )
    response = client.post(reverse("organisation_edit", args=[seoul.pk]), data)
    assert response.status_code == 302
    seoul.refresh_from_db()
    assert seoul.leader_name == "Won-soon Park"
    assert seoul.official_languages == ["Korean", "English"]


def test_officer_is_refused_on_another_city_and_nothing_changes(client, seoul_officer):
    makati = Organisation.objects.get(key="makati")
    before = makati.leader_name
    client.force_login(seoul_officer)
    assert client.get(reverse("organisation_edit", args=[makati.pk])).status_code == 403
    response = client.post(
        reverse("organisation_edit", args=[makati.pk]), {"name": "Hijacked", "leader_name": "X"}
    )
    assert response.status_code == 403
    makati.refresh_from_db()
    assert makati.name == "Makati"
    assert makati.leader_name == before
    page = client.get(reverse("organisation", args=[makati.pk])).content.decode()
    assert "Edit profile" not in page


def test_invalid_edit_shows_errors_and_saves_nothing(client, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    client.force_login(seoul_officer)
    response = client.post(
        reverse("organisation_edit", args=[seoul.pk]),
        {
            "name": "Seoul",
            "population": "-5",
            "incumbent_term_start": "2018",
            "incumbent_term_end": "2014",
            "website": "nonsense",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The profile was not saved" in page
    assert "cannot end before it starts" in page
    seoul.refresh_from_db()
    assert seoul.website != "nonsense"


def test_secretariat_may_edit_any_profile(client, secretariat):
    makati = Organisation.objects.get(key="makati")
    client.force_login(secretariat)
    assert client.get(reverse("organisation_edit", args=[makati.pk])).status_code == 200


def test_login_page_renders_and_logs_in(client, seoul_officer):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "seoyeon", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
