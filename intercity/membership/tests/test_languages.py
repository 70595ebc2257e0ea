"""Membership in the reader's language: pages and form errors follow Accept-Language (or the
saved preference), reminder e-mails the recipient's saved language, money the locale's format."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.membership import invoice_pdf, services
from intercity.membership.models import Figure
from intercity.membership.tasks import send_fee_reminder
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko"}
APPLY = {
    "organisation_name": "Testburg",
    "kind": "city",
    "country": "DE",
    "requested_category": "full",
    "population": "450000",
    "contact_name": "Ada Lovelace",
    "contact_email": "ada@testburg.example",
    "motivation": "We want to learn.",
}


def text(response) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


def goyang_invoice(secretariat):
    goyang = Organisation.objects.get(key="goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=Decimal(36000), source="t"
    )
    (invoice,) = services.run_invoicing(
        secretariat, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15)
    ).created
    return invoice


# --- Pages in Korean, and unchanged in English ---------------------------------------------


def test_the_apply_page_in_korean(client):
    page = text(client.get(reverse("membership_apply", args=["wego"]), **KO))
    assert '<html lang="ko"' in page
    for korean in ("WeGO 가입 신청", "신청서 제출", "집행위원회", "준회원", "도시 또는 기관명"):
        assert korean in page
    for english in ("Apply to join", "Send the application", "Executive Committee", "What it is"):
        assert english not in page


def test_the_apply_page_in_english_is_unchanged(client):
    page = text(client.get(reverse("membership_apply", args=["wego"])))
    assert "Apply to join WeGO" in page
    assert "Send the application" in page
    assert "신청서" not in page


def test_a_form_error_in_korean(client):
    page = client.post(
        reverse("membership_apply", args=["wego"]), {**APPLY, "population": ""}, **KO
    ).content.decode()
    assert "신청서가 제출되지 않았습니다" in page
    assert "도시는 인구를 입력해야 합니다 (부속서 1)." in page
    assert "A city gives its population" not in page
    assert "The application was not sent" not in page


def test_a_refusal_from_the_service_in_korean(client):
    """A DomainError raised by a service reaches the page in the reader's language."""
    page = client.post(
        reverse("membership_apply", args=["wego"]),
        {**APPLY, "kind": "company", "requested_category": "full", "employees": "10"},
        **KO,
    ).content.decode()
    assert "유형의 대상:" in page
    assert "category is for" not in page


def test_the_membership_account_in_korean(client, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    client.force_login(seoul_officer)
    url = reverse("membership_account", args=["wego", seoul.pk])
    page = text(client.get(url, **KO))
    for korean in ("WeGO 회원 계정", "잔액", "회원 이력", "청구서", "납부"):
        assert korean in page
    for english in ("membership account", "Balance", "Membership history", "No payments."):
        assert english not in page
    english = text(client.get(url))
    assert "WeGO membership account" in english
    assert "Balance" in english


def test_the_secretariat_home_in_korean(client, secretariat):
    client.force_login(secretariat)
    page = text(client.get(reverse("membership_staff", args=["wego"]), **KO))
    for korean in ("WeGO 사무국", "가입 신청", "청구", "체납", "재무 보고서"):
        assert korean in page
    for english in ("Secretariat", "Applications", "Arrears", "Financial report", "waiting for"):
        assert english not in page


def test_a_saved_language_wins_over_the_browser(client, secretariat):
    secretariat.language = "ko"
    secretariat.save()
    client.force_login(secretariat)
    page = text(client.get(reverse("membership_staff", args=["wego"]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "WeGO 사무국" in page


def test_the_api_error_detail_in_korean(client):
    response = client.get("/api/v1/networks/wego/fees/quote", {"year": 2018}, **KO)
    assert response.status_code == 422
    assert response.json()["detail"] == "organisation 또는 category 중 하나를 입력하십시오."


# --- Money and dates in the locale's format --------------------------------------------------


def test_money_in_russian_and_english():
    with translation.override("ru"):
        assert invoice_pdf.money("USD", Decimal("1000")) == "USD 1\xa0000,00"
    with translation.override("en"):
        assert invoice_pdf.money("USD", Decimal("1000")) == "USD 1,000.00"


def test_the_invoice_page_shows_money_and_dates_in_russian(client, secretariat):
    invoice = goyang_invoice(secretariat)
    client.force_login(secretariat)
    url = reverse("membership_invoice", args=[invoice.pk])
    russian = text(client.get(url, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "USD 7\xa0500,00" in russian
    assert "31 декабря 2018 г." in russian
    assert "Счёт" in russian
    assert "Owed" not in russian
    english = text(client.get(url))
    assert "USD 7,500.00" in english


def test_the_invoice_pdf_prints_in_the_language_of_the_person_asking(client, secretariat):
    import io

    from pypdf import PdfReader

    invoice = goyang_invoice(secretariat)
    client.force_login(secretariat)
    response = client.get(
        reverse("membership_invoice_pdf", args=[invoice.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Сумма к оплате" in pdf
    assert "Amount due" not in pdf


# --- E-mails in the recipient's saved language -------------------------------------------


def test_a_reminder_goes_out_in_each_recipients_saved_language(secretariat, mailoutbox):
    invoice = goyang_invoice(secretariat)
    korean = person("reminder-reader-ko", Role.CITY_OFFICER, "goyang")
    korean.email, korean.language = "jiwoo@goyang.example", "ko"
    korean.save()
    plain = person("reminder-reader-en", Role.CITY_OFFICER, "goyang")
    plain.email, plain.language = "sam@goyang.example", ""
    plain.save()
    (reminder,) = services.queue_reminders(
        secretariat, Network.objects.get(slug="wego"), dt.date(2019, 3, 1)
    )
    assert {korean.email, plain.email} <= set(reminder.recipients)

    assert send_fee_reminder.call(reminder.pk) == len(reminder.recipients)

    by_recipient = {address: message for message in mailoutbox for address in message.to}
    in_korean = by_recipient[korean.email]
    assert in_korean.to == [korean.email]
    assert in_korean.subject == f"WeGO: 2018년 회비 미납 ({invoice.number})"
    assert "고양" in in_korean.body or "Goyang" in in_korean.body
    assert "저희 기록에 따르면" in in_korean.body
    assert "USD 7,500.00" in in_korean.body
    assert "2018년 12월 31일" in in_korean.body
    assert "Our records show" not in in_korean.body

    in_english = by_recipient[plain.email]
    assert korean.email not in in_english.to
    assert in_english.subject == f"WeGO: membership fee 2018 unpaid ({invoice.number})"
    assert "Our records show that invoice" in in_english.body
    assert "USD 7,500.00" in in_english.body


# --- Text computed in Python for the reader (rules, services, PDF) --------------------------


def test_a_fee_quote_explains_its_band_in_korean(client):
    query = {"category": "full", "year": 2018, "population": 1_030_000, "gdp_per_capita": "36000"}
    body = client.get("/api/v1/networks/wego/fees/quote", query, **KO).json()
    # The band limits are the Annex's own headings; the words around them are Korean.
    assert body["band"] == "1인당 GDP 20,000 and over, 인구 1,000,000-1,999,999"
    assert "GDP per capita" not in body["explanation"]
    assert "population" not in body["explanation"]
    english = client.get("/api/v1/networks/wego/fees/quote", query).json()
    assert english["band"] == "GDP per capita 20,000 and over, population 1,000,000-1,999,999"


def test_a_refused_membership_change_is_one_sentence_in_each_language():
    from intercity.membership import rules

    withdrawn = rules.MemberState("full", "withdrawn", dt.date(2014, 11, 24))
    nobody = rules.MemberState()
    with translation.override("ru"):
        assert rules.refuse_transition("suspend", withdrawn, dt.date(2018, 1, 1)) == (
            "Приостановить членство нельзя: член вышел 2014-11-24; вышедший член должен подать "
            "заявление заново."
        )
        assert rules.refuse_transition("withdraw", nobody, dt.date(2018, 1, 1)) == (
            "Зарегистрировать выход нельзя: организация не является членом."
        )
    with translation.override("ko"):
        early = rules.refuse_transition(
            "approve",
            rules.MemberState("associate", "active", dt.date(2026, 6, 1)),
            dt.date(2026, 6, 1),
            target_category="full",
        )
    assert early is not None
    assert early.startswith("회원 승인은 2026-06-01에 효력을 발생할 수 없습니다.")
    assert "빨라도 2026-06-02부터" in early
    assert "cannot" not in early
    assert "Approval" not in early
    english = rules.refuse_transition("suspend", withdrawn, dt.date(2018, 1, 1))
    assert english == (
        "The membership cannot be suspended: the member withdrew on 2014-11-24; a withdrawn "
        "member must apply again."
    )


def test_figure_import_errors_in_korean(secretariat):
    text = ",".join(services.FIGURE_COLUMNS) + "\narea,seoul,,2024,5,src\n"
    with translation.override("ko"):
        report = services.import_figures(secretariat, text)
    assert report.errors == [
        "2행, 'measure' 열: 'area'은(는) 지표가 아닙니다. 다음 중 하나를 사용하십시오: "
        "population, gdp_per_capita."
    ]


def test_an_account_refused_in_korean(client, makati_officer):
    client.force_login(makati_officer)
    seoul = Organisation.objects.get(key="seoul")
    response = client.get(reverse("membership_account", args=["wego", seoul.pk]), **KO)
    assert response.status_code == 403
    page = response.content.decode()
    assert "계정을 볼 권한이 없습니다" in page
    assert "You may not see the account" not in page


def test_the_invoice_pdf_in_korean_names_the_category_and_the_issuer(client, secretariat):
    import io

    from pypdf import PdfReader

    invoice = goyang_invoice(secretariat)
    client.force_login(secretariat)
    response = client.get(reverse("membership_invoice_pdf", args=[invoice.pk]), **KO)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if "회비" not in pdf:
        pytest.skip("No font with Hangul is installed (core/pdf.py chooses the fonts).")
    assert "2018년 회비 (정회원)" in pdf
    assert "발행" in pdf
    assert "full member" not in pdf
    page = text(client.get(reverse("membership_invoice", args=[invoice.pk]), **KO))
    assert "2018 (정회원)" in page


def test_model_names_and_the_app_in_korean(secretariat):
    invoice = goyang_invoice(secretariat)
    reminder = invoice.reminders.create(recipients=[])
    from django.apps import apps

    with translation.override("ko"):
        assert str(reminder) == f"{invoice.number} 독촉 안내"
        assert str(apps.get_app_config("membership").verbose_name) == "회원 및 회비"
