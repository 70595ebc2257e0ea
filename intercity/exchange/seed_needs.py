"""Seeds of the needs part, each row citing its seed passage. Idempotent: a theme that exists
is left as the Secretariat keeps it.

The themes are the five groups of common challenges of seed 001 (ExCom 2013, "A Framework for
an Exchange Program for Member Cities", Phase 2). The names are the seed's; the one-line
descriptions and the translations are ours."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from intercity.exchange.models_needs import Theme

SOURCE = (
    "Seed 001, WeGO ExCom 2013, A Framework for an Exchange Program for Member Cities, "
    "Phase 2: the common challenges are classified into 5 groups"
)
EFFECTIVE = dt.date(2013, 10, 1)

THEMES: list[dict[str, str]] = [
    {
        "slug": "building-infrastructure",
        "name": "Building Infrastructure",
        "name_ko": "기반 구축",
        "name_zh_hans": "基础设施建设",
        "name_ru": "Создание инфраструктуры",
        "name_es": "Construcción de infraestructura",
        "description": "Networks, hosting, base registers and spatial reference data.",
        "description_ko": "네트워크, 호스팅, 기본 대장과 공간 기준 데이터.",
        "description_zh_hans": "网络、托管、基础登记册和空间参考数据。",
        "description_ru": "Сети, хостинг, базовые реестры и пространственные опорные данные.",
        "description_es": "Redes, alojamiento, registros básicos y datos espaciales de referencia.",
    },
    {
        "slug": "e-public-administration",
        "name": "e-Public Administration",
        "name_ko": "전자 행정",
        "name_zh_hans": "电子公共行政",
        "name_ru": "Электронное государственное управление",
        "name_es": "Administración pública electrónica",
        "description": "The back office: electronic approval, records, procurement.",
        "description_ko": "내부 행정: 전자 결재, 기록 관리, 조달.",
        "description_zh_hans": "后台办公：电子审批、档案和采购。",
        "description_ru": "Внутренняя работа: электронное согласование, делопроизводство, закупки.",
        "description_es": "La gestión interna: aprobación electrónica, archivos y compras.",
    },
    {
        "slug": "citizen-engagement",
        "name": "Citizen Engagement",
        "name_ko": "시민 참여",
        "name_zh_hans": "市民参与",
        "name_ru": "Вовлечение граждан",
        "name_es": "Participación ciudadana",
        "description": "One point of contact, open planning information, feedback to residents.",
        "description_ko": "단일 민원 창구, 공개된 도시계획 정보, 시민에 대한 피드백.",
        "description_zh_hans": "统一联系窗口、公开的规划信息和对居民的反馈。",
        "description_ru": "Единое окно, открытое планирование, обратная связь с жителями.",
        "description_es": "Un punto único de contacto, planes abiertos y respuesta a vecinos.",
    },
    {
        "slug": "mobile-government",
        "name": "Mobile Government",
        "name_ko": "모바일 정부",
        "name_zh_hans": "移动政务",
        "name_ru": "Мобильное правительство",
        "name_es": "Gobierno móvil",
        "description": "Services, payments and transport information on the phone.",
        "description_ko": "휴대전화로 제공하는 서비스, 결제, 교통 정보.",
        "description_zh_hans": "通过手机提供的服务、支付和交通信息。",
        "description_ru": "Услуги, платежи и сведения о транспорте в телефоне.",
        "description_es": "Servicios, pagos e información de transporte en el teléfono.",
    },
    {
        "slug": "big-data-gis",
        "name": "Big Data (GIS)",
        "name_ko": "빅데이터(GIS)",
        "name_zh_hans": "大数据（地理信息系统）",
        "name_ru": "Большие данные (ГИС)",
        "name_es": "Big data (SIG)",
        "description": "Spatial and real-time data combined for monitoring and response.",
        "description_ko": "모니터링과 대응을 위해 결합한 공간 및 실시간 데이터.",
        "description_zh_hans": "为监测和应急响应而整合的空间数据和实时数据。",
        "description_ru": "Пространственные и оперативные данные для мониторинга и реагирования.",
        "description_es": "Datos espaciales y en tiempo real combinados para vigilar y responder.",
    },
]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    for position, row in enumerate(THEMES):
        _theme, made = Theme.objects.get_or_create(
            slug=row["slug"],
            defaults={
                **{k: v for k, v in row.items() if k != "slug"},
                "challenge_group": row["slug"],
                "effective_from": EFFECTIVE,
                "position": position,
                "source": SOURCE,
            },
        )
        created["exchange theme"] += made
    return created
