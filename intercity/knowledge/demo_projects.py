"""Demonstration projects for the catalog in `make run` (the `demo_knowledge` command calls
`load_demo_projects()`): 26 projects of member cities of WeGO and of the ASEAN Smart Cities
Network, marked `demo` (their pages say "demonstration data"). Not real projects: the titles,
texts, budgets and figures are our own generic wording, and every figure says it is a
demonstration figure.

Most are in English; some are written in Korean, Spanish, Russian and Simplified Chinese, so
the search across languages can be tried ("가로등", "participación", "освещение", "停车").
They carry themes (the clusters', when the clusters are seeded), SDGs, budgets, statuses and
partners, so the filters, facets and "projects like this one" have something to show.

Seoul has two drafts and one project in review, and Makati a draft, so the demo `seoul` and
`makati` officer logins (`create_demo_users`) find work; the rest is published.

Idempotent: a project is known by its network, organisation and title; one that exists
(demonstration or not) is left as it is, and a second run creates nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from intercity.accounts.models import User
from intercity.knowledge.models import Cluster, Project, ProjectPartner, Sdg
from intercity.knowledge.services import catalog
from intercity.network.models import Network, Organisation

SOURCE = "demonstration data (manage.py demo_knowledge)"
# Said before every figure and budget, in the project's language.
FIGURES_NOTE = {
    "en": "Demonstration figures, not real ones: ",
    "ko": "시연용 수치이며 실제 수치가 아닙니다: ",
    "ru": "Демонстрационные цифры, не настоящие: ",
    "es": "Cifras de demostración, no reales: ",
    "zh-hans": "演示数据，并非真实数据：",
}

# A theme's slug as the clusters part writes it, and the other spelling slugify() may give a
# name with a slash ("Smart/Green Buildings").
THEME_SLUGS = {"smart-green-buildings": ("smart-green-buildings", "smartgreen-buildings")}

DRAFT, IN_REVIEW, PUBLISHED = (
    Project.State.DRAFT,
    Project.State.IN_REVIEW,
    Project.State.PUBLISHED,
)
PLANNED, UNDER_WAY, COMPLETED = (
    Project.Status.PLANNED,
    Project.Status.UNDER_WAY,
    Project.Status.COMPLETED,
)


@dataclass(frozen=True)
class DemoProject:
    network: str  # network slug
    city: str  # organisation key in the registry
    language: str  # a code of settings.LANGUAGES
    title: str
    summary: str
    main_features: str
    challenges: str
    figures: str
    budget_usd: Decimal | None
    status: str
    state: str
    themes: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    partners: tuple[tuple[str, str], ...] = ()
    # Days before the demo's reference day the project was published (or sent for review).
    days_ago: int = 30


PROJECTS: tuple[DemoProject, ...] = (
    # --- Seoul: two published, two drafts, one in review (work for the `seoul` login) ---
    DemoProject(
        "wego",
        "seoul",
        "ko",
        "스마트 가로등 시범사업",
        "골목길 가로등에 센서를 달아 사람이 지나갈 때만 밝게 켜고, 고장이 나면 스스로 "
        "알리는 시범사업입니다.",
        "움직임 감지 센서, 원격 밝기 조절, 고장 자동 신고, 야간 보행 안전 지도.",
        "오래된 전신주와의 호환, 주민의 빛 공해 우려.",
        "시범 구역의 전력 사용량 약 30% 절감.",
        Decimal("1200000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-street-lighting", "smart-environment"),
        sdgs=(7, 11),
        partners=(("시연용 통신 회사", "센서 통신망"),),
        days_ago=120,
    ),
    DemoProject(
        "wego",
        "seoul",
        "en",
        "Open Data Plaza for Neighbourhood Planning",
        "A public workspace where residents and planners look at the same neighbourhood data "
        "(footfall, noise, green space) before deciding on a street's redesign.",
        "Open datasets updated weekly; map-based workshops; a comment box on each dataset.",
        "Keeping personal data out of the published sets; explaining charts to everyone.",
        "40 workshops held and 12 street plans changed after residents' comments.",
        Decimal("450000"),
        COMPLETED,
        PUBLISHED,
        themes=("big-data-and-data-driven-policy", "living-labs-for-open-innovation"),
        sdgs=(11, 16),
        partners=(("Demonstration University, Urban Data Lab", "Data analysis"),),
        days_ago=200,
    ),
    DemoProject(
        "wego",
        "seoul",
        "en",
        "Shared Parking Finder",
        "An app that shows free spaces in residential car parks opened to visitors during "
        "working hours.",
        "Live space counts from gate sensors; booking by the hour; payment by card.",
        "Agreements with each building's residents; sensors in older car parks.",
        "A target of 2,000 shared spaces in the first year.",
        Decimal("300000"),
        PLANNED,
        DRAFT,
        themes=("smart-mobility",),
        sdgs=(11,),
    ),
    DemoProject(
        "wego",
        "seoul",
        "ko",
        "어르신 디지털 배움터",
        "동네 주민센터에서 어르신들이 스마트폰으로 민원 신청, 병원 예약, 영상 통화를 배우는 "
        "교실입니다.",
        "주 2회 소규모 수업, 청년 자원봉사 강사, 큰 글씨 교재.",
        "강사 확보, 수업 장소의 인터넷 속도.",
        "첫해 목표 수강생 3,000명.",
        Decimal("150000"),
        PLANNED,
        DRAFT,
        themes=("smart-government",),
        sdgs=(4, 10),
    ),
    DemoProject(
        "wego",
        "seoul",
        "en",
        "Rooftop Solar for Public Buildings",
        "Solar panels on the roofs of libraries, schools and district offices, with their "
        "output shown live on a public dashboard.",
        "Roof surveys; panels leased from a supplier; a dashboard of each building's output.",
        "Roofs that need repair first; heritage rules on some buildings.",
        "60 roofs fitted and about 4 GWh a year expected.",
        Decimal("2500000"),
        UNDER_WAY,
        IN_REVIEW,
        themes=("smart-environment", "smart-green-buildings"),
        sdgs=(7, 13),
        partners=(("Demonstration Solar Co.", "Supplies and maintains the panels"),),
        days_ago=3,
    ),
    # --- Makati: one published, one draft (work for the `makati` login) ---
    DemoProject(
        "wego",
        "makati",
        "en",
        "Flood Alerts by Text Message",
        "Water-level sensors in the drains send residents of low-lying streets a text message "
        "when the water rises.",
        "Sensors in 25 drains; alerts in English and Filipino; an evacuation map.",
        "Sensors clogged by debris after storms.",
        "Alerts reach residents about 20 minutes before streets flood.",
        Decimal("80000"),
        COMPLETED,
        PUBLISHED,
        themes=("smart-environment",),
        sdgs=(11, 13),
        days_ago=90,
    ),
    DemoProject(
        "wego",
        "makati",
        "en",
        "Business Permits Online in One Day",
        "One online form for a business permit, checked by every office at once instead of in "
        "turn.",
        "A single form; parallel review; permits issued as signed PDFs.",
        "Aligning the fees and rules of five offices.",
        "A target of one working day per permit.",
        Decimal("120000"),
        PLANNED,
        DRAFT,
        themes=("smart-government",),
        sdgs=(8, 16),
    ),
    # --- Other WeGO members ---
    DemoProject(
        "wego",
        "gwangmyeong",
        "ko",
        "스마트 미세먼지 알림",
        "학교와 공원에 설치한 미세먼지 측정기가 수치가 높아지면 학부모와 주민에게 알림을 보냅니다.",
        "측정기 50대, 실시간 지도, 휴대전화 알림.",
        "측정기 보정과 유지관리 비용.",
        "알림 수신자 1만 명.",
        Decimal("200000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-environment", "big-data-and-data-driven-policy"),
        sdgs=(3, 11),
        days_ago=60,
    ),
    DemoProject(
        "wego",
        "jakarta",
        "en",
        "Citizen Complaints Map",
        "Every complaint a resident files, from a broken pavement to a blocked drain, appears "
        "on a public map until it is fixed.",
        "Complaints by app and text message; a public map; each office's time to fix.",
        "Duplicate complaints; offices that close reports before the work is done.",
        "Average time to fix cut from 10 days to 4.",
        Decimal("350000"),
        COMPLETED,
        PUBLISHED,
        themes=("smart-government",),
        sdgs=(11, 16),
        days_ago=150,
    ),
    DemoProject(
        "wego",
        "seberang-perai",
        "en",
        "Smart Bins for Market Streets",
        "Bins with fill sensors on the market streets, so collection trucks come when bins are "
        "full rather than on a fixed round.",
        "Fill sensors; route planning each morning; a hotline for overflowing bins.",
        "Bins damaged by heavy use; mobile coverage in covered markets.",
        "A third fewer truck trips on the pilot streets.",
        Decimal("95000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-environment",),
        sdgs=(11, 12),
        partners=(("Demonstration Waste Services", "Collection rounds"),),
        days_ago=45,
    ),
    DemoProject(
        "wego",
        "kigali",
        "en",
        "Cashless Bus Fares",
        "Passengers pay bus fares with a card or a phone, and the city sees where and when "
        "people travel.",
        "Card readers on every bus; top-ups at kiosks and by mobile money; anonymous trip data.",
        "Passengers without a phone or a bank account.",
        "Most fares paid without cash within a year.",
        Decimal("1500000"),
        COMPLETED,
        PUBLISHED,
        themes=("smart-mobility",),
        sdgs=(9, 11),
        partners=(("Demonstration Transit Cards Ltd.", "Cards and readers"),),
        days_ago=300,
    ),
    DemoProject(
        "wego",
        "ulaanbaatar",
        "en",
        "Ger District Heating Sensors",
        "Temperature and air sensors in ger districts help the city target cleaner heating "
        "where winter smoke is worst.",
        "Household sensors; an air quality map; subsidies for cleaner stoves.",
        "Sensors in extreme cold; households' trust in the data's use.",
        "500 households in the pilot.",
        Decimal("600000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-environment",),
        sdgs=(3, 7, 13),
        days_ago=75,
    ),
    DemoProject(
        "wego",
        "moscow",
        "ru",
        "Умное освещение дворов",
        "Фонари во дворах жилых домов включаются ярче, когда рядом есть люди, и сами сообщают о "
        "поломках.",
        "Датчики движения, дистанционное управление, карта неисправностей.",
        "Старые опоры освещения, согласование с жителями.",
        "Экономия электроэнергии около 25%.",
        Decimal("900000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-street-lighting",),
        sdgs=(7, 11),
        days_ago=100,
    ),
    DemoProject(
        "wego",
        "ulyanovsk-region",
        "ru",
        "Электронная очередь в детские сады",
        "Родители подают заявление в детский сад онлайн и видят своё место в очереди.",
        "Единая очередь по району, уведомления, прозрачные правила льгот.",
        "Перенос старых бумажных списков.",
        "Время ожидания ответа сократилось с недель до дней.",
        Decimal("250000"),
        COMPLETED,
        PUBLISHED,
        themes=("smart-government",),
        sdgs=(4, 16),
        days_ago=250,
    ),
    DemoProject(
        "wego",
        "mexico-city",
        "es",
        "Participación ciudadana en el presupuesto",
        "Los vecinos proponen y votan en línea proyectos para su colonia con una parte del "
        "presupuesto de la ciudad.",
        "Propuestas abiertas, votación en línea y en módulos, seguimiento público de las obras.",
        "Llegar a quienes no usan internet; evitar votos duplicados.",
        "800 propuestas y 60 obras realizadas.",
        Decimal("5000000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-government", "living-labs-for-open-innovation"),
        sdgs=(11, 16),
        days_ago=180,
    ),
    DemoProject(
        "wego",
        "asuncion",
        "es",
        "Semáforos inteligentes en avenidas principales",
        "Semáforos que ajustan sus tiempos según el tránsito real en las avenidas con más "
        "congestión.",
        "Cámaras de conteo, centro de control, prioridad para el transporte público.",
        "Cortes de energía; mantenimiento de los equipos.",
        "Tiempos de viaje un 15% menores en horas punta.",
        Decimal("700000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("smart-mobility",),
        sdgs=(11,),
        days_ago=40,
    ),
    DemoProject(
        "wego",
        "barcelona",
        "es",
        "Laboratorio urbano de innovación abierta",
        "Un barrio donde empresas emergentes y vecinos prueban juntos soluciones urbanas antes "
        "de llevarlas a toda la ciudad.",
        "Convocatorias abiertas, pruebas en la calle, evaluación con los vecinos.",
        "Pasar de las pruebas a contratos de la ciudad.",
        "20 pruebas en dos años.",
        Decimal("400000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("living-labs-for-open-innovation",),
        sdgs=(9, 17),
        partners=(("Universidad de demostración", "Evaluación"),),
        days_ago=220,
    ),
    DemoProject(
        "wego",
        "chengdu",
        "zh-hans",
        "智慧停车诱导系统",
        "在城市中心的停车场安装车位传感器，通过手机应用和路边指示牌引导司机找到空车位。",
        "车位实时数据、电子指示牌、手机支付。",
        "老旧停车场改造、数据共享协议。",
        "寻找车位的时间缩短约三分之一。",
        Decimal("1800000"),
        COMPLETED,
        PUBLISHED,
        themes=("smart-mobility",),
        sdgs=(11,),
        days_ago=130,
    ),
    DemoProject(
        "wego",
        "chengdu",
        "zh-hans",
        "社区健康数据平台",
        "社区卫生服务中心共享居民健康档案，帮助医生跟踪慢性病患者。",
        "统一健康档案、随访提醒、数据分析。",
        "个人信息保护、各系统之间的数据标准。",
        "覆盖十万名居民。",
        Decimal("2200000"),
        UNDER_WAY,
        PUBLISHED,
        themes=("big-data-and-data-driven-policy",),
        sdgs=(3,),
        days_ago=20,
    ),
    DemoProject(
        "wego",
        "pittsburgh",
        "en",
        "Pothole Reports that Route Crews",
        "Residents' pothole reports are grouped by street so repair crews plan their day "
        "around them.",
        "Reports by phone and app; daily route planning; a public status page.",
        "Reports of the same pothole from many people.",
        "More potholes fixed per crew-day.",
        Decimal("60000"),
        COMPLETED,
        PUBLISHED,
        themes=("big-data-and-data-driven-policy",),
        sdgs=(9, 11),
        days_ago=260,
    ),
    DemoProject(
        "wego",
        "nairobi",
        "en",
        "Water Kiosk Meters",
        "Prepaid meters at public water kiosks show residents what they pay and tell the "
        "utility where water is lost.",
        "Prepaid tokens; leak alerts; a price list at each kiosk.",
        "Tampering; power for the meters.",
        "100 kiosks in the first phase.",
        Decimal("750000"),
        UNDER_WAY,
        PUBLISHED,
        sdgs=(6,),
        partners=(("Demonstration Water Utility", "Runs the kiosks"),),
        days_ago=50,
    ),
    # --- ASEAN Smart Cities Network ---
    DemoProject(
        "ascn",
        "singapore",
        "en",
        "Heat Map of Public Housing Estates",
        "Sensors on housing estates map where streets and courtyards get hottest, to decide "
        "where trees and shade go first.",
        "Temperature sensors; a public heat map; a tree-planting plan.",
        "Separating building heat from weather.",
        "30 estates mapped.",
        Decimal("500000"),
        UNDER_WAY,
        PUBLISHED,
        sdgs=(11, 13),
        days_ago=35,
    ),
    DemoProject(
        "ascn",
        "kuala-lumpur",
        "en",
        "Bus Arrival Screens at Every Stop",
        "Screens at bus stops show when the next buses arrive, from the buses' own positions.",
        "GPS on buses; screens at stops; the same data in an app.",
        "Screens at stops without power.",
        "Shorter perceived waiting times in passenger surveys.",
        Decimal("1000000"),
        COMPLETED,
        PUBLISHED,
        sdgs=(11,),
        days_ago=140,
    ),
    DemoProject(
        "ascn",
        "phnom-penh",
        "en",
        "Waste Collection Schedules by App",
        "Residents see when the truck comes to their street and report missed collections.",
        "Schedules by street; missed-collection reports; reminders.",
        "Keeping schedules up to date when routes change.",
        "Fewer missed collections reported each month.",
        Decimal("70000"),
        UNDER_WAY,
        PUBLISHED,
        sdgs=(11, 12),
        days_ago=25,
    ),
    DemoProject(
        "ascn",
        "cebu-city",
        "en",
        "Disaster Shelter Finder",
        "A map of evacuation shelters with how many places are left, updated by shelter staff "
        "during a typhoon.",
        "Shelter capacity updated by phone; a public map; text message alerts.",
        "Staff updates during power cuts.",
        "All of the city's shelters listed.",
        Decimal("40000"),
        COMPLETED,
        PUBLISHED,
        sdgs=(11, 13),
        days_ago=160,
    ),
    DemoProject(
        "ascn",
        "makassar",
        "en",
        "Digital Land Records",
        "The city's land records scanned and searchable, so that owners get a certificate "
        "without queuing at the office.",
        "Scanned records; online requests; certificates with a verification code.",
        "Records that disagree with each other.",
        "Most requests answered within a week.",
        Decimal("300000"),
        UNDER_WAY,
        PUBLISHED,
        sdgs=(16,),
        days_ago=70,
    ),
)

# The day the demonstration's dates count back from (fixed, so that a second run writes the
# same dates and the demo reads the same every time).
REFERENCE_DAY = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)


def load_demo_projects() -> Counter[str]:
    """Create the demonstration projects that do not exist yet: {"projects": n,
    "partners": m}. A city the registry does not have is skipped."""
    created: Counter[str] = Counter()
    networks = {network.slug: network for network in Network.objects.all()}
    cities = {
        organisation.key: organisation
        for organisation in Organisation.objects.filter(key__in={p.city for p in PROJECTS})
    }
    author = User.objects.filter(username="seoul").first()
    with transaction.atomic():
        for demo in PROJECTS:
            network, organisation = networks.get(demo.network), cities.get(demo.city)
            if network is None or organisation is None:
                continue
            _project(demo, network, organisation, author, created)
    return created


def _project(
    demo: DemoProject,
    network: Network,
    organisation: Organisation,
    author: User | None,
    created: Counter[str],
) -> None:
    known = Project.objects.filter(network=network, organisation=organisation, title=demo.title)
    if known.exists():
        return
    at = REFERENCE_DAY - dt.timedelta(days=demo.days_ago)
    project = Project.objects.create(
        network=network,
        organisation=organisation,
        title=demo.title,
        language=demo.language,
        summary=demo.summary,
        main_features=demo.main_features,
        challenges=demo.challenges,
        figures_and_impact=FIGURES_NOTE[demo.language] + demo.figures,
        budget_and_financing=(
            f"{FIGURES_NOTE[demo.language]}USD {demo.budget_usd:,.0f}."
            if demo.budget_usd is not None
            else ""
        ),
        budget_usd=demo.budget_usd,
        status=demo.status,
        state=demo.state,
        submitted_at=at if demo.state != DRAFT else None,
        published_at=at if demo.state == PUBLISHED else None,
        source=SOURCE,
        demo=True,
        created_by=author if organisation.key == "seoul" else None,
    )
    created["projects"] += 1
    for position, (name, role) in enumerate(demo.partners):
        ProjectPartner.objects.create(project=project, name=name, role=role, position=position)
        created["partners"] += 1
    slugs = [slug for theme in demo.themes for slug in THEME_SLUGS.get(theme, (theme,))]
    project.themes.set(Cluster.objects.filter(network=network, slug__in=slugs))
    project.sdgs.set(Sdg.objects.filter(number__in=demo.sdgs))
    catalog.refresh_search_text(project)
