"""The Civic Participation System's pages as Seoul's citizens and staff use them, and what
they never show to another city's staff."""

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from intercity.participation import services
from intercity.participation.models import (
    Comment,
    Follower,
    Photo,
    Report,
    ServiceAttribute,
)
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    jpeg_with_gps,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with an empty count of reports per client."""
    cache.clear()
    yield
    cache.clear()


def url(name, *args, slug="seoul"):
    return reverse(name, args=[slug, *args])


def text(response):
    return response.content.decode()


def photo(name="street.jpg", content=None):
    return SimpleUploadedFile(name, content or jpeg_with_gps(), content_type="image/jpeg")


def form_data(**overrides):
    data = {
        "service": "pothole",
        "description": "Deep pothole in the bus lane outside exit 3 of City Hall station",
        "address": "110 Sejong-daero, Jung-gu",
        "zipcode": "04524",
        "latitude": str(IN_SEOUL[0]),
        "longitude": str(IN_SEOUL[1]),
        "name": "Min-jun Kim",
        "email": "minjun@example.org",
        "phone": "+82 10 1234 5678",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def filed(jurisdiction, where=IN_SEOUL, now=None, **overrides):
    """A report filed through the service, as the setting of a staff test."""
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane outside exit 3 of City Hall station",
        "latitude": where[0],
        "longitude": where[1],
        "email": "minjun@example.org",
        "first_name": "Min-jun Kim",
    }
    data.update(overrides)
    return services.submit_report(jurisdiction, services.Submission(**data), now=now)


# --- Citizens --------------------------------------------------------------------------------


def test_the_city_page_lists_its_services_by_group(client, seoul):
    page = text(client.get(url("cps_home")))
    assert "Seoul Civic Participation" in page
    for group in ("Streets", "Public space", "Parks", "Transport"):
        assert f"<h3>{group}</h3>" in page
    assert "Pothole or damaged road" in page
    assert url("cps_report_new") + "?service=pothole" in page
    assert url("cps_reports") in page
    assert 'name="tracking_id"' in page


def test_an_unknown_or_disabled_city_is_not_found(client, seoul):
    assert client.get("/cps/atlantis/").status_code == 404
    seoul.enabled = False
    seoul.save()
    assert client.get(url("cps_home")).status_code == 404
    assert client.get(url("cps_report_new")).status_code == 404


def test_the_report_form_offers_the_services_and_the_citys_photo_limit(client, seoul):
    page = text(client.get(url("cps_report_new") + "?service=streetlight"))
    assert '<option value="streetlight" selected>Street light out</option>' in page
    assert '<optgroup label="Streets">' in page
    assert "Up to 3, each at most 8 MB" in page
    assert 'type="file" name="photos" multiple' in page
    assert "Use my location" in page  # shown by the script, hidden without it
    assert 'id="cps-map"' not in page  # no tile server configured


def test_a_citizen_files_a_report_with_a_photo_and_gets_a_tracking_id(client, seoul):
    response = client.post(url("cps_report_new"), form_data(photos=[photo()]), follow=True)
    report = Report.objects.get(jurisdiction=seoul)
    assert response.redirect_chain == [(url("cps_report", report.public_id), 302)]
    page = text(response)
    assert f"registered with tracking id {report.public_id}" in page
    assert "Deep pothole in the bus lane" in page
    assert report.first_name == "Min-jun Kim"
    assert report.email == "minjun@example.org"
    assert report.zipcode == "04524"
    assert report.department.name == "Road Management"
    assert list(report.followers.values_list("email", flat=True)) == ["minjun@example.org"]
    # the contact is the city's to know, not the public's
    assert "minjun@example.org" not in page
    assert "Min-jun Kim" not in page
    # the photo is served through the report, re-encoded without the phone's GPS position
    (stored,) = report.photos.all()
    photo_url = url("cps_photo", report.public_id, stored.pk)
    assert photo_url in page
    served = client.get(photo_url)
    assert served["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert dict(image.getexif()) == {}


def test_an_anonymous_report_stores_no_contact(client, seoul):
    client.post(url("cps_report_new"), form_data(anonymous="on"))
    report = Report.objects.get(jurisdiction=seoul)
    assert (report.first_name, report.last_name, report.email, report.phone) == ("", "", "", "")
    assert not Follower.objects.filter(report=report).exists()


def test_the_honeypot_pretends_success_and_stores_nothing(client, seoul):
    response = client.post(
        url("cps_report_new"),
        form_data(homepage="http://cheap-pills.example", photos=[photo()]),
        follow=True,
    )
    assert response.redirect_chain == [(url("cps_home"), 302)]
    assert "Thank you. Your report has been received." in text(response)
    assert not Report.objects.exists()
    assert not Photo.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, seoul):
    page = text(client.get(url("cps_report_new")))
    trap = re.search(r'<div class="cps-trap" aria-hidden="true">(.*?)</div>', page, re.S)
    assert trap
    assert 'name="homepage"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"latitude": "14.5547", "longitude": "121.0244"}, "outside this city&#x27;s area"),
        ({"latitude": "north", "longitude": "127"}, "Latitude must be a number"),
        ({"latitude": "", "longitude": "", "address": ""}, "a point on the map or an address"),
        ({"description": "   "}, "Describe the problem."),
        ({"service": "volcano"}, "Select a valid choice"),
        ({"service": ""}, "Choose the kind of problem."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
    ],
)
def test_a_bad_report_says_why_and_stores_nothing(client, seoul, overrides, problem):
    response = client.post(url("cps_report_new"), form_data(**overrides))
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved." in page
    assert problem in page
    assert 'value="04524"' in page  # what was typed is kept
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("files", "max_bytes", "problem"),
    [
        ([photo("notes.jpg", b"%PDF-1.4 not really a photo")], None, "not an image"),
        ([photo("big.jpg")], 100, "the limit is 100 bytes"),
        ([photo("a.jpg"), photo("b.jpg"), photo("c.jpg"), photo("d.jpg")], None, "at most 3"),
    ],
)
def test_a_bad_photo_is_refused_and_must_be_chosen_again(client, seoul, files, max_bytes, problem):
    if max_bytes:
        seoul.max_photo_bytes = max_bytes
        seoul.save()
    response = client.post(url("cps_report_new"), form_data(photos=files))
    assert response.status_code == 400
    page = text(response)
    assert problem in page
    assert "The photos you chose were not kept: choose them again" in page
    assert not Report.objects.exists()
    assert not Photo.objects.exists()


def test_too_many_reports_from_one_client_are_refused(client, seoul, settings):
    settings.CPS_RATE_LIMIT_PER_MINUTE = 1
    assert client.post(url("cps_report_new"), form_data()).status_code == 302
    response = client.post(url("cps_report_new"), form_data(description="A second one"))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many reports from this client: at most 1 a minute" in text(response)
    assert Report.objects.count() == 1
    # the limit is per client: another address still reports
    other = client.post(url("cps_report_new"), form_data(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_a_service_asks_its_own_questions(client, seoul):
    pothole = seoul.services.get(code="pothole")
    ServiceAttribute.objects.create(
        service=pothole,
        code="lane",
        description="Which lane?",
        datatype="singlevaluelist",
        required=True,
        values=[{"key": "bus", "name": "Bus lane"}, {"key": "car", "name": "Car lane"}],
    )
    page = text(client.get(url("cps_report_new")))
    assert 'data-service="pothole"' in page
    assert "Which lane?" in page

    missing = client.post(url("cps_report_new"), form_data())
    assert missing.status_code == 400
    assert "This field is required." in text(missing)
    # another service's required question is not asked of this one
    litter = client.post(url("cps_report_new"), form_data(service="litter"))
    assert litter.status_code == 302

    client.post(url("cps_report_new"), form_data(attr__pothole__lane="bus"))
    assert Report.objects.get(service=pothole).attributes == {"lane": "bus"}


def test_a_citizen_finds_a_report_by_its_tracking_id(client, seoul):
    report = filed(seoul)
    typed = f" {report.public_id[:5].lower()}-{report.public_id[5:]} "
    response = client.get(url("cps_find"), {"tracking_id": typed})
    assert response.status_code == 302
    assert response["Location"] == url("cps_report", report.public_id)

    unknown = client.get(url("cps_find"), {"tracking_id": "ZZZZZZZZZZ"})
    assert unknown.status_code == 404
    assert "No report ZZZZZZZZZZ in Seoul Civic Participation" in text(unknown)
    assert client.get(url("cps_find"), {"tracking_id": ""}).status_code == 400


def test_the_tracking_page_shows_public_steps_and_hides_internal_notes(client, seoul, jiwoo):
    report = filed(seoul)
    services.change_status(jiwoo, report, "acknowledged", note="A crew is scheduled")
    services.change_status(jiwoo, report, "in_progress", note="Call the contractor", public=False)
    services.change_status(jiwoo, report, "resolved", note="Patched on Tuesday")
    page = text(client.get(url("cps_report", report.public_id)))
    steps = re.findall(r'<span class="cps-step">([^<]+)</span>', page)
    assert steps == ["Submitted", "Acknowledged", "Resolved"]
    assert "A crew is scheduled" in page
    assert "Patched on Tuesday" in page
    assert "Call the contractor" not in page
    assert "jiwoo" not in page


def test_a_citizen_comments_and_follows(client, seoul):
    report = filed(seoul)
    response = client.post(
        url("cps_comment", report.public_id),
        {"author_name": "Seo-yeon", "body": "Still there this morning"},
        follow=True,
    )
    assert "Thank you for your comment." in text(response)
    assert "Still there this morning" in text(response)

    empty = client.post(url("cps_comment", report.public_id), {"body": "  "})
    assert empty.status_code == 400
    assert "Write a comment." in text(empty)

    spam = client.post(url("cps_comment", report.public_id), {"body": "buy", "homepage": "x"})
    assert spam.status_code == 302
    assert report.comments.count() == 1

    client.post(url("cps_follow", report.public_id), {"email": "neighbour@example.org"})
    assert set(report.followers.values_list("email", flat=True)) == {
        "minjun@example.org",
        "neighbour@example.org",
    }
    bad = client.post(url("cps_follow", report.public_id), {"email": "nope"})
    assert bad.status_code == 400
    assert "Nothing was saved." in text(bad)


def test_moderated_text_photos_and_comments_are_not_public(client, seoul, jiwoo):
    report = filed(seoul, photos=[("street.jpg", jpeg_with_gps())])
    rude = services.add_comment(report, "A rude remark", author_name="Troll")
    services.add_comment(report, "A kind remark", author_name="Neighbour")
    services.moderate(jiwoo, report, hidden=True)
    services.moderate(jiwoo, report, hidden=True, comment=rude)
    photo_url = url("cps_photo", report.public_id, report.photos.get().pk)

    page = text(client.get(url("cps_report", report.public_id)))
    assert "Deep pothole" not in page
    assert "hidden by the moderators" in page
    assert photo_url not in page
    assert "A rude remark" not in page
    assert "A kind remark" in page
    assert client.get(photo_url).status_code == 404
    listed = text(client.get(url("cps_reports")))
    assert "Deep pothole" not in listed

    client.force_login(jiwoo)
    assert client.get(photo_url).status_code == 200
    staff_page = text(client.get(url("cps_staff_report", report.public_id)))
    assert "Deep pothole" in staff_page
    assert "A rude remark" in staff_page


def test_recent_reports_are_public_without_personal_data_and_filter(client, seoul, jiwoo):
    pothole = filed(seoul)
    litter = filed(seoul, service_code="litter", description="Bags of rubbish by the stop")
    services.change_status(jiwoo, litter, "acknowledged")
    page = text(client.get(url("cps_reports")))
    assert pothole.public_id in page
    assert litter.public_id in page
    assert "minjun@example.org" not in page
    assert "Min-jun Kim" not in page

    by_service = text(client.get(url("cps_reports"), {"service": "litter"}))
    assert litter.public_id in by_service
    assert pothole.public_id not in by_service
    by_status = text(client.get(url("cps_reports"), {"status": "submitted"}))
    assert pothole.public_id in by_status
    assert litter.public_id not in by_status
    partial = client.get(url("cps_reports"), {"service": "litter"}, HTTP_HX_REQUEST="true")
    assert "<html" not in text(partial)
    assert litter.public_id in text(partial)


def test_recent_reports_page_without_counting_them_all(client, seoul):
    for n in range(26):
        filed(seoul, description=f"Pothole number {n}")
    first = text(client.get(url("cps_reports")))
    assert "Older reports" in first
    assert "Newer reports" not in first
    second = text(client.get(url("cps_reports"), {"page": "2"}))
    assert "Pothole number 0" in second
    assert "Older reports" not in second
    assert client.get(url("cps_reports"), {"page": "x"}).status_code == 200
    assert client.get(url("cps_reports"), {"page": "99999999999"}).status_code == 200


# --- Who may open the staff pages ------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, seoul):
    report = filed(seoul)
    for path in (url("cps_queue"), url("cps_staff_report", report.public_id)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_people_who_are_not_the_citys_staff_are_refused(client, seoul, citizen, secretariat):
    report = filed(seoul)
    for person in (citizen, secretariat):
        client.force_login(person)
        assert client.get(url("cps_queue")).status_code == 403
        assert client.get(url("cps_staff_report", report.public_id)).status_code == 403
        response = client.post(url("cps_staff_status", report.public_id), {"target": "rejected"})
        assert response.status_code == 403
    report.refresh_from_db()
    assert report.status.code == "submitted"


def test_makati_staff_never_see_seouls_reports(client, seoul, jiwoo):
    makati = makati_jurisdiction()
    bea = staff_of("bea", "makati")
    ours = filed(seoul, photos=[("street.jpg", jpeg_with_gps())])
    theirs = filed(makati, where=IN_MAKATI)
    client.force_login(bea)

    assert client.get(url("cps_queue")).status_code == 403
    assert client.get(url("cps_staff_report", ours.public_id)).status_code == 403
    for name in ("cps_staff_report", "cps_report"):
        assert client.get(url(name, ours.public_id, slug="makati")).status_code == 404
    photo_id = ours.photos.get().pk
    assert client.get(url("cps_photo", ours.public_id, photo_id, slug="makati")).status_code == 404
    for name, data in (
        ("cps_staff_status", {"target": "rejected"}),
        ("cps_staff_merge", {"into": theirs.public_id}),
        ("cps_staff_moderate", {"hidden": "1"}),
        ("cps_comment", {"body": "Hello from Makati"}),
    ):
        assert client.post(url(name, ours.public_id, slug="makati"), data).status_code == 404

    queue = text(client.get(url("cps_queue", slug="makati")))
    assert theirs.public_id in queue
    assert ours.public_id not in queue
    bulk = client.post(
        url("cps_queue", slug="makati"), {"reports": [ours.pk], "target": "rejected"}
    )
    assert bulk.status_code == 400
    assert f"No report &#x27;{ours.pk}&#x27; in Makati" in text(bulk)
    ours.refresh_from_db()
    assert ours.status.code == "submitted"
    assert not ours.comments.exists()

    listed = text(client.get(url("cps_reports", slug="makati")))
    assert ours.public_id not in listed


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_filters_by_service_department_status_area_overdue_and_me(client, seoul, jiwoo):
    client.force_login(jiwoo)
    old = filed(
        seoul, zipcode="04524", now=timezone.now() - dt.timedelta(days=5)
    )  # past its 72 hours
    fresh = filed(seoul, zipcode="06236")
    litter = filed(seoul, service_code="litter", zipcode="04520", description="Dumped sofa")
    services.change_status(jiwoo, litter, "acknowledged")
    services.assign(jiwoo, fresh, user=jiwoo)
    sanitation = seoul.departments.get(name="Sanitation")

    def shown(**params):
        page = text(client.get(url("cps_queue"), params))
        return {r.public_id for r in (old, fresh, litter) if r.public_id in page}

    everything = {old.public_id, fresh.public_id, litter.public_id}
    assert shown() == everything
    assert shown(service="litter") == {litter.public_id}
    assert shown(department=str(sanitation.pk)) == {litter.public_id}
    assert shown(status="submitted") == {old.public_id, fresh.public_id}
    assert shown(zipcode="045") == {old.public_id, litter.public_id}
    assert shown(overdue="on") == {old.public_id}
    assert shown(mine="on") == {fresh.public_id}
    assert shown(service="pothole", zipcode="04") == {old.public_id}

    page = text(client.get(url("cps_queue")))
    assert page.count('class="badge cps-badge-overdue"') == 1
    partial = client.get(url("cps_queue"), {"service": "litter"}, HTTP_HX_REQUEST="true")
    assert "<html" not in text(partial)
    assert litter.public_id in text(partial)


def test_staff_move_several_reports_at_once(client, seoul, jiwoo):
    client.force_login(jiwoo)
    a, b, c = filed(seoul), filed(seoul), filed(seoul)
    response = client.post(
        url("cps_queue") + "?status=submitted",
        {"reports": [a.pk, b.pk], "target": "acknowledged", "note": "Seen, crews planned"},
        follow=True,
    )
    assert response.redirect_chain == [(url("cps_queue") + "?status=submitted", 302)]
    assert "2 reports now Acknowledged." in text(response)
    statuses = {r.public_id: r.status.code for r in Report.objects.select_related("status")}
    assert statuses == {
        a.public_id: "acknowledged",
        b.public_id: "acknowledged",
        c.public_id: "submitted",
    }
    assert a.events.filter(note="Seen, crews planned", public=True).exists()


def test_a_bulk_move_that_fails_for_one_report_moves_none(client, seoul, jiwoo):
    client.force_login(jiwoo)
    a, b = filed(seoul), filed(seoul)
    services.change_status(jiwoo, b, "rejected")
    response = client.post(url("cps_queue"), {"reports": [a.pk, b.pk], "target": "in_progress"})
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved." in page
    assert "rejected cannot become in_progress" in page
    a.refresh_from_db()
    assert a.status.code == "submitted"

    nothing = client.post(url("cps_queue"), {"target": "acknowledged"})
    assert nothing.status_code == 400
    assert "Select at least one report." in text(nothing)


def test_the_queue_costs_a_fixed_number_of_queries(
    client, seoul, jiwoo, django_assert_max_num_queries
):
    client.force_login(jiwoo)
    for _ in range(3):
        filed(seoul)
    # 11: the header's Secretariat-only links read the person's roles once per page; the
    # department a department staff member works for orders the queue (theirs first).
    with django_assert_max_num_queries(11) as few:
        client.get(url("cps_queue"))
    reports = [filed(seoul, zipcode=f"04{n:03}") for n in range(60)]
    for report in reports[:10]:
        services.assign(jiwoo, report, user=jiwoo)
    with django_assert_max_num_queries(11) as many:
        page = text(client.get(url("cps_queue"), {"overdue": "", "zipcode": "04"}))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.count('name="reports"') == 50


# --- One report, as staff ----------------------------------------------------------------------


def test_staff_see_the_contact_and_move_a_report_with_public_and_internal_notes(
    client, seoul, jiwoo
):
    report = filed(seoul, phone="+82 10 1234 5678")
    client.force_login(jiwoo)
    page = text(client.get(url("cps_staff_report", report.public_id)))
    assert "Min-jun Kim" in page
    assert "minjun@example.org" in page
    assert "+82 10 1234 5678" in page
    for move in ("Acknowledge", "Start work", "Reject", "Mark as duplicate"):
        assert f'class="button">{move}</button>' in page
    assert ">Resolve</button>" not in page

    response = client.post(
        url("cps_staff_status", report.public_id),
        {"target": "acknowledged", "note": "A crew is scheduled", "visibility": "public"},
        follow=True,
    )
    assert f"Report {report.public_id} is now Acknowledged." in text(response)
    client.post(
        url("cps_staff_status", report.public_id),
        {"target": "in_progress", "note": "Call the contractor", "visibility": "internal"},
    )
    staff_page = text(client.get(url("cps_staff_report", report.public_id)))
    assert "Call the contractor" in staff_page
    assert "Internal" in staff_page
    public = text(client.get(url("cps_report", report.public_id)))
    assert "A crew is scheduled" in public
    assert "Call the contractor" not in public


def test_a_move_the_workflow_does_not_allow_is_refused_with_its_reason(client, seoul, jiwoo):
    report = filed(seoul)
    client.force_login(jiwoo)
    response = client.post(
        url("cps_staff_status", report.public_id), {"target": "resolved", "visibility": "public"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved." in page
    assert "A report that is submitted cannot become resolved" in page
    report.refresh_from_db()
    assert report.status.code == "submitted"


def test_staff_assign_a_report_to_a_department_and_a_person(client, seoul, jiwoo):
    report = filed(seoul)
    minho = staff_of("minho", "seoul")
    transport = seoul.departments.get(name="Transport")
    client.force_login(jiwoo)
    page = text(client.get(url("cps_staff_report", report.public_id)))
    assert ">minho</option>" in page
    assert ">jiwoo</option>" in page
    response = client.post(
        url("cps_staff_assign", report.public_id),
        {"department": str(transport.pk), "user": str(minho.pk)},
        follow=True,
    )
    assert "Assignment saved." in text(response)
    report.refresh_from_db()
    assert (report.department, report.assigned_to) == (transport, minho)
    assert report.events.filter(verb="assigned", public=False).exists()

    stranger = staff_of("bea", "makati")
    refused = client.post(url("cps_staff_assign", report.public_id), {"user": str(stranger.pk)})
    assert refused.status_code == 400
    assert "Select a valid choice" in text(refused)


def test_staff_merge_a_suggested_duplicate_and_followers_move_over(client, seoul, jiwoo):
    first = filed(seoul, email="first@example.org")
    second = filed(
        seoul,
        latitude="37.566600",
        longitude="126.978100",
        description="Pothole in the bus lane at City Hall station exit 3, very deep",
        email="second@example.org",
    )
    client.force_login(jiwoo)
    page = text(client.get(url("cps_staff_report", second.public_id)))
    assert "Possible duplicates" in page
    assert first.public_id in page
    assert "m away" in page
    assert "score" in page
    assert "Merge into this" in page

    response = client.post(
        url("cps_staff_merge", second.public_id), {"into": first.public_id}, follow=True
    )
    assert response.redirect_chain == [(url("cps_staff_report", first.public_id), 302)]
    assert f"Report {second.public_id} is merged into this one" in text(response)
    second.refresh_from_db()
    assert (second.status.code, second.duplicate_of) == ("duplicate", first)
    assert set(first.followers.values_list("email", flat=True)) == {
        "first@example.org",
        "second@example.org",
    }
    public = text(client.get(url("cps_report", second.public_id)))
    assert "merged into report" in public
    assert first.public_id in public

    again = client.post(url("cps_staff_merge", first.public_id), {"into": second.public_id})
    assert again.status_code == 400
    assert "is itself a duplicate" in text(again)


def test_staff_hide_and_show_the_report_text_and_a_comment(client, seoul, jiwoo):
    report = filed(seoul)
    comment = services.add_comment(report, "A rude remark")
    client.force_login(jiwoo)
    client.post(url("cps_staff_moderate", report.public_id), {"hidden": "1"})
    client.post(url("cps_staff_moderate", report.public_id), {"hidden": "1", "comment": comment.pk})
    report.refresh_from_db()
    assert report.hidden
    assert Comment.objects.get(pk=comment.pk).hidden
    response = client.post(
        url("cps_staff_moderate", report.public_id), {"hidden": "0"}, follow=True
    )
    assert "shown again on the public page" in text(response)
    report.refresh_from_db()
    assert not report.hidden


def test_the_report_pages_cost_a_fixed_number_of_queries(
    client, seoul, jiwoo, django_assert_max_num_queries
):
    report = filed(seoul, photos=[("a.jpg", jpeg_with_gps()), ("b.jpg", jpeg_with_gps())])
    for n in range(5):
        services.add_comment(report, f"Comment {n}")
        filed(seoul, description=f"Deep pothole in the bus lane outside exit 3, again {n}")
    services.change_status(jiwoo, report, "acknowledged", note="Seen")
    with django_assert_max_num_queries(6):
        client.get(url("cps_report", report.public_id))
    with django_assert_max_num_queries(5):
        client.get(url("cps_reports"))
    client.force_login(jiwoo)
    # 16: one of them the response templates that fit the report's moves.
    with django_assert_max_num_queries(16):
        page = text(client.get(url("cps_staff_report", report.public_id)))
    assert page.count("Merge into this") == 5


def test_the_index_lists_the_cities_that_run_the_system(client):
    response = client.get("/cps/")
    assert response.status_code == 200
    assert b"Seoul Civic Participation" in response.content
    assert b'href="/cps/seoul/"' in response.content


def test_staff_issue_an_open311_key_once_and_revoke_it(client):
    from intercity.participation.models import APIClient
    from intercity.participation.tests.factories import staff_of

    staff = staff_of("keykeeper", "seoul")
    client.force_login(staff)
    issued = client.post("/cps/seoul/staff/api-keys/", {"name": "Seoul Smart App"})
    assert issued.status_code == 200
    key = issued.context["new_key"]
    assert key
    assert key.encode() in issued.content
    stored = APIClient.objects.get(name="Seoul Smart App")
    assert key not in stored.key_hash
    assert key.encode() not in client.get("/cps/seoul/staff/api-keys/").content  # shown once
    refused = client.post("/cps/seoul/staff/api-keys/", {"name": "  "})
    assert refused.status_code == 400
    assert b"Name the application" in refused.content
    client.post("/cps/seoul/staff/api-keys/", {"revoke": stored.pk})
    stored.refresh_from_db()
    assert not stored.active


def test_only_the_citys_staff_see_its_keys(client, makati_officer):
    client.force_login(makati_officer)
    assert client.get("/cps/seoul/staff/api-keys/").status_code == 403
    client.logout()
    assert client.get("/cps/seoul/staff/api-keys/").status_code == 302


# --- What the first users stumbled on (issue 14) -----------------------------------------------


def resolved(jurisdiction, jiwoo, **overrides):
    report = filed(jurisdiction, **overrides)
    services.change_status(jiwoo, report, "acknowledged")
    return services.change_status(jiwoo, report, "resolved")


def test_the_queue_lists_the_open_work_and_every_report_one_click_away(client, seoul, jiwoo):
    client.force_login(jiwoo)
    waiting = filed(seoul)
    done = resolved(seoul, jiwoo)

    page = text(client.get(url("cps_queue")))
    assert waiting.public_id in page
    assert done.public_id not in page
    assert "1 open report (not resolved or closed), newest first." in page
    assert '<option value="" selected>Open work (not resolved or closed)</option>' in page
    assert f'href="{url("cps_queue")}?status=all"' in page

    every = text(client.get(url("cps_queue"), {"status": "all"}))
    assert waiting.public_id in every
    assert done.public_id in every
    assert "2 reports, newest first." in every
    assert '<option value="all" selected>' in every
    assert f'href="{url("cps_queue")}">Show the open work only' in every

    only_resolved = text(client.get(url("cps_queue"), {"status": "resolved"}))
    assert done.public_id in only_resolved
    assert waiting.public_id not in only_resolved


def test_the_show_all_link_keeps_the_other_filters(client, seoul, jiwoo):
    client.force_login(jiwoo)
    filed(seoul, service_code="litter", description="Dumped sofa")
    page = text(client.get(url("cps_queue"), {"service": "litter", "page": "1"}))
    assert f'href="{url("cps_queue")}?service=litter&amp;status=all"' in page


def test_an_empty_queue_says_why_and_how_to_see_more(client, seoul, jiwoo):
    client.force_login(jiwoo)
    resolved(seoul, jiwoo)
    nothing_open = text(client.get(url("cps_queue")))
    assert "No open report: nothing is waiting to be handled." in nothing_open
    assert f'href="{url("cps_queue")}?status=all"' in nothing_open

    filtered = text(client.get(url("cps_queue"), {"service": "litter"}))
    assert "No reports match these filters." in filtered
    assert f'<a href="{url("cps_queue")}">Clear the filters</a>' in filtered


def test_the_public_list_says_when_nothing_matches_and_offers_a_reset(client, seoul):
    empty = text(client.get(url("cps_reports")))
    assert "No reports to Seoul Civic Participation yet." in empty
    assert f'href="{url("cps_report_new")}"' in empty
    filed(seoul)
    filtered = text(client.get(url("cps_reports"), {"service": "litter"}))
    assert "No reports match these filters." in filtered
    assert f'<a href="{url("cps_reports")}">Clear the filters</a>' in filtered


def test_a_logged_in_citizen_finds_the_name_and_e_mail_filled_in(client, seoul, citizen):
    citizen.first_name, citizen.last_name, citizen.email = "Min-jun", "Kim", "minjun@example.org"
    citizen.save()
    client.force_login(citizen)
    page = text(client.get(url("cps_report_new")))
    assert re.search(r'<input [^>]*name="name" value="Min-jun Kim"', page)
    assert re.search(r'<input [^>]*name="email" value="minjun@example.org"', page)
    assert "filled in from your account" in page

    # Editable: what is sent is what is stored, and anonymity still wins.
    response = client.post(url("cps_report_new"), form_data(name="MJ", email="mj@example.org"))
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.first_name, report.email) == ("MJ", "mj@example.org")
    client.post(url("cps_report_new"), form_data(anonymous="on"))
    anonymous = Report.objects.latest("pk")
    assert (anonymous.first_name, anonymous.email, anonymous.phone) == ("", "", "")


def test_a_visitor_and_an_account_without_details_get_an_empty_contact_form(client, seoul, citizen):
    page = text(client.get(url("cps_report_new")))
    assert not re.search(r'name="email" value=', page)
    assert "filled in from your account" not in page
    client.force_login(citizen)  # a username, no name and no e-mail
    page = text(client.get(url("cps_report_new")))
    assert not re.search(r'name="(name|email)" value=', page)
    assert "filled in from your account" not in page


def test_the_open_data_page_is_public_and_says_where_the_data_is(client, seoul):
    response = client.get(url("cps_open_data_page"))
    assert response.status_code == 200
    page = text(response)
    assert f'href="{url("cps_open_data")}"' in page
    assert f'action="{url("cps_open_data")}"' in page
    assert "http://testserver/open311/v2/seoul/requests.json" in page
    assert "http://testserver/open311/discovery.json" in page
    assert "<code>service_request_id</code>" in page
    assert client.get("/open311/v2/seoul/requests.json").status_code == 200
    assert client.get(url("cps_open_data_page", slug="atlantis")).status_code == 404


def test_the_dashboard_points_to_the_public_open_data_page(client, seoul, jiwoo):
    client.force_login(jiwoo)
    page = text(client.get(url("cps_dashboard")))
    assert f'public <a href="{url("cps_open_data_page")}">open data page</a>' in page
    assert "anyone may" not in page


def test_every_cps_page_links_its_open_data_page(client, seoul):
    page = text(client.get(url("cps_home")))
    assert f'<a href="{url("cps_open_data_page")}">Open data</a>' in page


def test_the_citys_page_links_its_reports_and_for_its_staff_the_queue(client, seoul, jiwoo):
    organisation = reverse("organisation", args=[seoul.organisation_id])
    page = text(client.get(organisation))
    assert f'href="{url("cps_reports")}"' in page
    assert f'href="{url("cps_queue")}"' not in page

    client.force_login(jiwoo)
    page = text(client.get(organisation))
    assert f'href="{url("cps_reports")}"' in page
    assert f'href="{url("cps_queue")}"' in page


def test_a_city_without_the_system_gets_no_reports_section(client, seoul, makati_officer):
    from intercity.network.models import Organisation

    makati = Organisation.objects.get(key="makati")
    client.force_login(makati_officer)
    page = text(client.get(reverse("organisation", args=[makati.pk])))
    assert "/cps/" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_logged_in_persons_e_mail_fills_the_follow_form(client, seoul, citizen):
    report = filed(seoul)
    page = url("cps_report", report.public_id)
    assert not re.search(r'name="email" value=', text(client.get(page)))
    citizen.email = "chris@example.org"
    citizen.save()
    client.force_login(citizen)
    assert re.search(r'<input [^>]*name="email" value="chris@example.org"', text(client.get(page)))
