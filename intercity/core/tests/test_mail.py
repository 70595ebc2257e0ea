"""core.mail: the one way mail is sent (text and HTML, the recipient's language, RFC 8058
one-click unsubscribe) and the pages its links open."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.utils.translation import gettext as _

from intercity.core import mail
from intercity.core.models import AuditEvent, MailKind, MailOptOut

SITE = "https://cities.example.org"
TEMPLATE = "core/mail/message"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def context():
    return {"subject": _("E-mail preferences"), "paragraphs": ["Hello"], "link_line": ""}


def path_of(url: str) -> str:
    assert url.startswith(SITE)
    return url[len(SITE) :]


def test_a_notification_has_a_text_and_an_html_part_and_the_one_click_headers(db, mailoutbox):
    sent = mail.send(TEMPLATE, context, ["ana@example.org"], kind=MailKind.FEE_REMINDERS)
    assert sent.to == ["ana@example.org"]
    (message,) = mailoutbox
    assert message.content_subtype == "plain"
    assert "Hello" in message.body
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "<p>Hello</p>" in html
    link = mail.unsubscribe_url("ana@example.org", MailKind.FEE_REMINDERS)
    assert link.startswith(f"{SITE}/mail/unsubscribe/")
    assert message.extra_headers == {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert link in message.body
    assert link in html
    assert mail.preferences_url("ana@example.org") in message.body


def test_mail_that_must_arrive_has_no_unsubscribe_and_is_never_skipped(db, mailoutbox):
    mail.set_preferences("ana@example.org", [])  # declines every kind
    sent = mail.send(TEMPLATE, context, ["ana@example.org"], kind=None)
    assert sent.to == ["ana@example.org"]
    (message,) = mailoutbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/mail/unsubscribe/" not in message.body


def test_a_korean_user_reads_the_mail_in_korean(db, mailoutbox):
    get_user_model().objects.create_user("minji", email="minji@example.org", language="ko")
    mail.send(
        TEMPLATE,
        context,
        ["minji@example.org", "ana@example.org"],
        kind=MailKind.REPORT_UPDATES,
        language="en",
    )
    korean, english = mailoutbox
    assert korean.subject == "이메일 수신 설정"
    assert "이 이메일 수신 거부" in korean.body
    assert '<html lang="ko">' in korean.alternatives[0][0]
    assert english.subject == "E-mail preferences"
    assert "Unsubscribe from these e-mails" in english.body


def test_one_click_unsubscribe_is_a_post_without_csrf_token_or_login(db):
    link = mail.unsubscribe_url("Ana@Example.org", MailKind.FEE_REMINDERS)
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(link), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert mail.declined_kinds("ana@example.org") == {MailKind.FEE_REMINDERS}
    assert AuditEvent.objects.filter(verb="mail_unsubscribe").count() == 1
    # The same click again (a mail client retrying) changes nothing.
    assert mail_client.post(path_of(link)).status_code == 200
    assert MailOptOut.objects.filter(email="ana@example.org").count() == 1


def test_the_unsubscribe_page_asks_before_it_unsubscribes(db, client, mailoutbox):
    link = mail.unsubscribe_url("ana@example.org", MailKind.MEETING_DEADLINES)
    page = client.get(path_of(link))
    assert page.status_code == 200
    assert b"Statute deadlines before meetings" in page.content
    assert b'<button type="submit"' in page.content
    assert not MailOptOut.objects.exists()  # a GET (a link scanner) unsubscribes nobody

    assert client.post(path_of(link)).status_code == 200
    sent = mail.send(TEMPLATE, context, ["ana@example.org"], kind=MailKind.MEETING_DEADLINES)
    assert sent.declined == ["ana@example.org"]
    assert sent.to == []
    assert mailoutbox == []


def test_a_changed_or_foreign_token_is_refused(db, client):
    token = mail.unsubscribe_token("ana@example.org", MailKind.FEE_REMINDERS)
    assert client.post(f"/mail/unsubscribe/{token}x/").status_code == 400
    # A preferences token is signed for another purpose: it cannot unsubscribe.
    other = mail.preferences_token("ana@example.org")
    assert client.post(f"/mail/unsubscribe/{other}/").status_code == 400
    forged = signing.Signer(salt=mail.UNSUBSCRIBE_SALT).sign_object(
        {"e": "ana@example.org", "k": "everything"}
    )
    assert client.post(f"/mail/unsubscribe/{forged}/").status_code == 400
    assert client.get(f"/mail/preferences/{token}/").status_code == 400
    assert not MailOptOut.objects.exists()


def test_the_preferences_page_lists_every_kind_and_saves_the_choice(db, client):
    url = path_of(mail.preferences_url("ana@example.org"))
    page = client.get(url)
    assert page.status_code == 200
    for kind in MailKind:
        assert f'value="{kind.value}" checked'.encode() in page.content

    response = client.post(url, {"wanted": [MailKind.REPORT_UPDATES, MailKind.FEE_REMINDERS]})
    assert response.status_code == 302
    assert mail.declined_kinds("ana@example.org") == {
        MailKind.MEETING_DEADLINES,
        MailKind.DEPARTMENT_REPORTS,
    }
    assert b'value="meeting-deadlines">' in client.get(url).content  # unchecked now
    event = AuditEvent.objects.get(verb="mail_preferences")
    assert event.after == {"declined": ["department-reports", "meeting-deadlines"]}

    client.post(url, {"wanted": list(MailKind.values)})
    assert mail.declined_kinds("ana@example.org") == set()


def test_a_signed_in_person_changes_the_preferences_of_their_own_address(db, client):
    assert client.get("/mail/preferences/").status_code == 302  # to the login page
    person = get_user_model().objects.create_user("ana", email="ana@example.org")
    client.force_login(person)
    client.post("/mail/preferences/", {"wanted": [MailKind.REPORT_UPDATES]})
    assert MailKind.FEE_REMINDERS in mail.declined_kinds("ana@example.org")
