"""The Civic Participation System in the reader's language: Seoul's citizen pages in Korean
(the interface from the catalogs, the city's services, questions and statuses from its own
data), Open311 by `locale`, errors in Korean, the e-mails in the language a report was filed
in, and the duplicate search on Korean and Chinese words."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from intercity.participation import rules, services
from intercity.participation.models import Notification, Report, ServiceAttribute
from intercity.participation.tasks import send_notification
from intercity.participation.tests.factories import IN_SEOUL

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko"}
# Interface strings of the citizen pages that must not be left in English on a Korean page.
ENGLISH = [
    "Report a problem",
    "Recent reports",
    "Tracking id",
    "What happened",
    "Send the report",
    "What is the problem?",
    "Pothole or damaged road",
    "Submitted",
    "(optional)",
]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def question(seoul):
    """A question of Seoul's pothole service, written in English and Korean."""
    return ServiceAttribute.objects.create(
        service=seoul.services.get(code="pothole"),
        code="size",
        description="How big is it?",
        description_ko="크기는 어느 정도입니까?",
        datatype="singlevaluelist",
        values=[{"key": "small", "name": "Smaller than a hand"}],
        values_ko=[{"key": "small", "name": "손바닥보다 작음"}],
    )


def filed(seoul, **overrides):
    data = {
        "service_code": "pothole",
        "description": "보도블록이 파손되어 걷기 위험합니다",
        "latitude": IN_SEOUL[0],
        "longitude": IN_SEOUL[1],
        "email": "minjun@example.org",
    }
    data.update(overrides)
    return services.submit_report(seoul, services.Submission(**data))


def page(client, name, *args, **headers):
    response = client.get(reverse(name, args=["seoul", *args]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def untranslated(html):
    return [english for english in ENGLISH if english in html]


# --- Pages ------------------------------------------------------------------------------------


def test_the_report_form_is_korean_for_a_korean_reader(client, seoul, question):
    html = page(client, "cps_report_new", **KO)
    assert '<html lang="ko">' in html
    for korean in ["문제 신고", "어떤 문제입니까?", "도로 파임 또는 파손", "가로등 고장", "도로"]:
        assert korean in html
    assert "크기는 어느 정도입니까?" in html  # the city's question, in Korean
    assert "손바닥보다 작음" in html  # and its choice
    assert "신고하기" in html
    assert untranslated(html) == []
    assert "How big is it?" not in html


def test_the_report_form_in_english_is_unchanged(client, seoul, question):
    html = page(client, "cps_report_new")
    for english in ["Report a problem", "What is the problem?", "Pothole or damaged road"]:
        assert english in html
    assert "How big is it?" in html
    assert "도로 파임" not in html


def test_a_form_error_comes_back_in_korean(client, seoul):
    response = client.post(reverse("cps_report_new", args=["seoul"]), {}, **KO)
    html = response.content.decode()
    assert response.status_code == 400
    assert "저장되지 않았습니다." in html
    assert "문제 유형을 선택하십시오." in html
    assert "Choose the kind of problem." not in html


def test_the_report_page_and_recent_reports_are_korean_with_seouls_time(client, seoul):
    report = filed(seoul)
    html = page(client, "cps_report", report.public_id, **KO)
    for korean in ["접수번호", "처리 경과", "접수", "도로 파임 또는 파손", "도로관리과", "KST"]:
        assert korean in html
    assert untranslated(html) == []
    listing = page(client, "cps_reports", **KO)
    assert "도로 파임 또는 파손" in listing
    assert "KST" in listing
    assert untranslated(listing) == []
    home = page(client, "cps_home", **KO)
    assert "서울 시민참여" in home
    assert "신고할 수 있는 문제" in home
    assert untranslated(home) == []


def test_the_report_page_in_english_is_unchanged(client, seoul):
    report = filed(seoul)
    html = page(client, "cps_report", report.public_id)
    for english in ["Tracking id", "What happened", "Submitted", "Pothole or damaged road"]:
        assert english in html
    assert "접수번호" not in html


def test_a_reader_of_a_language_seoul_does_not_write_gets_seouls_first_language(client, seoul):
    """Seoul writes Korean and English: a Russian reader gets the Russian interface and
    Seoul's own (Korean) names."""
    html = page(client, "cps_report_new", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Сообщить о проблеме" in html
    assert "도로 파임 또는 파손" in html


def test_the_workflow_comes_in_every_language(seoul):
    submitted = seoul.statuses.get(code="submitted")
    assert (submitted.name_en, submitted.name_ko, submitted.name_ru) == (
        "Submitted",
        "접수",
        "Подано",
    )


# --- The report's language and its e-mails ---------------------------------------------------


def test_a_report_remembers_its_language_and_its_mail_goes_out_in_it(
    client, seoul, jiwoo, mailoutbox
):
    response = client.post(
        reverse("cps_report_new", args=["seoul"]),
        {
            "service": "pothole",
            "description": "시청역 3번 출구 앞 버스차로에 깊은 포트홀이 있습니다",
            "latitude": str(IN_SEOUL[0]),
            "longitude": str(IN_SEOUL[1]),
            "email": "minjun@example.org",
        },
        **KO,
    )
    assert response.status_code == 302
    report = Report.objects.get(description__startswith="시청역")
    assert report.language == "ko"
    # Staff work in English; the citizen still hears in Korean.
    services.change_status(jiwoo, report, "acknowledged", note="")
    send_notification.call(Notification.objects.get(event__report=report).pk)
    [mail] = mailoutbox
    assert (
        mail.subject
        == f"서울 시민참여: 신고 {report.public_id} 상태가 접수 확인(으)로 바뀌었습니다"
    )
    assert "접수하신 신고" in mail.body
    assert "Your report" not in mail.body


def test_a_report_filed_in_english_is_mailed_in_english(seoul, jiwoo, mailoutbox):
    with translation.override("en"):
        report = filed(seoul, description="Deep pothole outside exit 3")
    assert report.language == "en"
    services.change_status(jiwoo, report, "acknowledged")
    send_notification.call(Notification.objects.get(event__report=report).pk)
    assert "is now Acknowledged" in mailoutbox[0].subject


# --- Open311 ------------------------------------------------------------------------------------


def test_open311_services_in_korean_and_english_by_locale(client, seoul):
    korean = client.get("/open311/v2/seoul/services.json", {"locale": "ko"}).json()
    english = client.get("/open311/v2/seoul/services.json", {"locale": "en"}).json()
    by_code = {s["service_code"]: s for s in korean}
    assert by_code["pothole"]["service_name"] == "도로 파임 또는 파손"
    assert by_code["pothole"]["group"] == "도로"
    assert {s["service_code"]: s["service_name"] for s in english}["pothole"] == (
        "Pothole or damaged road"
    )


def test_open311_reads_accept_language_without_locale(client, seoul, question):
    definition = client.get("/open311/v2/seoul/services/pothole.json", **KO).json()
    [size] = definition["attributes"]
    assert size["description"] == "크기는 어느 정도입니까?"
    assert size["values"] == [{"key": "small", "name": "손바닥보다 작음"}]


def test_open311_discovery_says_which_languages_a_city_writes(client, seoul):
    [endpoint] = client.get("/open311/discovery.json").json()["endpoints"]
    assert endpoint["languages"] == ["ko", "en"]


def test_an_open311_error_is_described_in_korean(client, seoul):
    response = client.get("/open311/v2/seoul/requests/NOSUCH.json", {"locale": "ko"})
    assert response.status_code == 404
    [problem] = response.json()
    assert problem["description"] == "service_request_id 'NOSUCH'을(를) 찾을 수 없습니다."


def test_a_refused_open311_post_is_described_in_the_readers_language(client, seoul, api_key):
    response = client.post(
        "/open311/v2/seoul/requests.json",
        {"api_key": api_key, "service_code": "pothole", "description": "x"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json()[0]["description"] == (
        "Indique dónde está: un punto en el mapa o una dirección."
    )


# --- Words of the duplicate search --------------------------------------------------------------


def test_korean_words_of_two_syllables_count_and_particles_do_not_hide_them():
    assert {"보도", "파손"} <= rules.words("보도가 파손되었습니다")
    assert rules.text_similarity("보도가 파손되었습니다", "보도 블록 파손") >= 0.2
    assert rules.text_similarity("보도가 파손되었습니다", "가로등이 꺼졌습니다") == 0.0


def test_chinese_is_compared_by_pairs_of_characters():
    assert rules.words("人行道损坏") == {"人行", "行道", "道损", "损坏"}
    assert rules.text_similarity("人行道损坏", "人行道严重损坏") >= 0.2
    assert rules.words("坏") == set()  # a lone character matches too much


def test_short_english_words_still_do_not_count():
    assert rules.words("a pothole on the road") == {"pothole", "the", "road"}


# --- Staff pages ---------------------------------------------------------------------------------


def test_the_staff_queue_report_and_dashboard_are_korean_for_korean_staff(client, seoul, jiwoo):
    report = filed(seoul)
    client.force_login(jiwoo)
    queue = page(client, "cps_queue", **KO)
    for korean in ["처리할 신고", "선택한 신고 변경", "도로 파임 또는 파손", "접수", "KST"]:
        assert korean in queue
    for english in ["Reports to handle", "Apply to the selected reports", "Overdue only"]:
        assert english not in queue
    staff = page(client, "cps_staff_report", report.public_id, **KO)
    for korean in ["상태 변경", "접수 확인", "처리 시작", "중복 가능성이 있는 신고", "처리 이력"]:
        assert korean in staff
    for english in ["Change the status", "Start work", "Possible duplicates", "History"]:
        assert english not in staff
    board = page(client, "cps_dashboard", **KO)
    for korean in ["대시보드", "숫자로 보기", "서비스 유형별 처리 시간", "Asia/Seoul"]:
        assert korean in board
    for english in ["In numbers", "Time to resolve by service", "Backlog now"]:
        assert english not in board


# --- Text the Python code writes (issue 15, the strings nobody marked) ----------------------------


def test_the_header_names_the_cps_in_korean(client, seoul):
    html = client.get(reverse("cps_reports", args=["seoul"]), **KO).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert "시민 민원 신고" in header
    assert "Citizens' reports" not in header
    assert "Citizens&#x27; reports" not in header


def test_the_module_is_named_in_korean():
    from intercity.participation.manifest import manifest

    with translation.override("ko"):
        assert str(manifest.label) == "시민참여시스템"


def test_a_staff_members_start_page_link_is_korean(rf, seoul, jiwoo):
    from intercity.participation.manifest import start_sections

    request = rf.get("/")
    request.user = jiwoo
    with translation.override("ko"):
        [section] = start_sections(request)
        link = section.links[0]
    assert section.title == "시민 민원 신고"
    assert link.label.endswith(": 처리할 신고")
    assert "reports to work" not in link.label


def test_the_dashboard_names_statuses_and_services_in_korean(client, seoul, jiwoo):
    """The names come from the city's translated content, not the English column."""
    filed(seoul)
    client.force_login(jiwoo)
    board = page(client, "cps_dashboard", **KO)
    assert "도로 파임 또는 파손" in board
    assert "Pothole or damaged road" not in board
    assert ">Submitted<" not in board


def test_a_queue_filter_the_city_lacks_is_refused_in_korean(seoul):
    from django.utils import timezone

    from intercity.core.errors import DomainError

    with translation.override("ko"), pytest.raises(DomainError) as refused:
        services.queue_reports(seoul, services.QueueFilter(status="lost"), timezone.now())
    assert "'lost' 상태가 없습니다" in refused.value.message
    assert "No status" not in refused.value.message


def test_routing_is_noted_in_the_staff_members_language(seoul, jiwoo):
    report = filed(seoul)
    department = seoul.departments.exclude(pk=report.department_id).first() or (
        seoul.departments.first()
    )
    with translation.override("ko"):
        services.assign(jiwoo, report, department=department, user=jiwoo)
    note = report.events.filter(verb="assigned").get().note
    assert "배정되었고 담당자는" in note
    assert "Routed to" not in note


def test_a_merge_is_noted_in_the_language_the_report_was_filed_in(seoul, jiwoo):
    """Staff work in English; the Korean citizen reads the merge note (page, e-mail) in
    Korean."""
    with translation.override("ko"):
        original = filed(seoul)
        duplicate = filed(seoul, description="같은 포트홀입니다")
    with translation.override("en"):
        services.merge(jiwoo, duplicate, into=original)
    note = duplicate.events.filter(target__code="duplicate").get().note
    assert note == f"{original.public_id} 신고와 같은 사안입니다."


def test_an_unknown_open311_service_is_described_in_korean(client, seoul):
    response = client.get("/open311/v2/seoul/services/dragons.json", {"locale": "ko"})
    assert response.status_code == 404
    [problem] = response.json()
    assert problem["code"] == 404
    assert "서비스가 없습니다" in problem["description"]
    assert "No service" not in problem["description"]


def test_an_unreadable_photo_is_refused_in_korean(seoul):
    from intercity.core.errors import DomainError

    with translation.override("ko"), pytest.raises(DomainError) as refused:
        filed(seoul, photos=[("", b"not a photo")])
    assert refused.value.message == "사진은(는) 이 시스템이 읽을 수 있는 이미지가 아닙니다."
