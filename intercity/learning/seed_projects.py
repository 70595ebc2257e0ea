"""Consultation and feasibility projects as the seeds give them, and the officers seconded to
the Secretariat. Idempotent.

- Seed 001, Agenda 3 "e-Government Consultation": the consultations of 2011 (Dar es Salaam),
  2012 (Buenos Aires, Dar es Salaam, Ulaanbaatar; 290,000 USD for the three) and 2013 (Addis
  Ababa, Maputo; 180,000 USD for the two), paid by Seoul with a Korean IT consulting firm as
  business partner (Hyundai U&I in 2012, as the Annex says); the Annex's joint project with the
  World Bank (Urban e-Gov. Diagnostic & Solution Framework, 300,000 USD of the Korea Trust Fund,
  KTF-ICT4D), whose case studies are the 2012 cities. A year's budget covering several
  projects is kept as a note on each, never divided.
- Seed 003, "WeGO Feasibility Study": the 2016 study for Seberang Perai (m-Government for a
  smart street and traffic light system) and the 2017 study (July-December, mobile technology
  and connectivity; its city is not named).
- Seed 003, the financial report's signatories: two officers seconded by Seoul Metropolitan
  Government (no term dates given).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from intercity.learning.models_projects import ConsultationProject, Deliverable
from intercity.learning.models_secondment import Secondment
from intercity.network.models import Network, Organisation

S001 = "001, Agenda 3 (e-Government Consultation)"
S001_ANNEX = "001, Annex (Urban e-Gov. Diagnostic & Solution Framework)"
S003_FS = "003, WeGO Feasibility Study"
S003_SECONDED = "003, financial report (verified by officers seconded by Seoul)"
SEOUL_FUNDS = "Seoul Metropolitan Government"
FIRM = "Korean IT consulting firm"

PROJECTS: list[dict[str, Any]] = [
    {
        "slug": "consultation-2011-dar-es-salaam",
        "kind": "consultation",
        "year": 2011,
        "title": "Environment Analysis for Groupware and e-Document Management System",
        "cities": ["dar-es-salaam"],
        "partner": FIRM,
        "funder": SEOUL_FUNDS,
        "budget": Decimal("85000"),
        "budget_note": "",
        "duration": "Dec. 2010 - Jan. 2011",
        "status": "completed",
        "source": S001,
    },
    {
        "slug": "consultation-2012-buenos-aires",
        "kind": "consultation",
        "year": 2012,
        "title": (
            "Smart Citizen Service HUB (AIO) with Smart Card in terms of citizen's service "
            "satisfaction"
        ),
        "cities": ["buenos-aires"],
        "partner": "Hyundai U&I",
        "funder": SEOUL_FUNDS,
        "budget": None,
        "budget_note": "290,000 USD for the three consultations of 2012",
        "duration": "Jul. 2012 - Jan. 2013",
        "status": "completed",
        "source": S001,
    },
    {
        "slug": "consultation-2012-dar-es-salaam",
        "kind": "feasibility",
        "year": 2012,
        "title": (
            "Feasibility Study for the Implementation of Public Administration Information "
            "System Infrastructure in terms of Digitalization of Administrative Tasks "
            "(Paperless Office)"
        ),
        "cities": ["dar-es-salaam"],
        "partner": "Hyundai U&I",
        "funder": SEOUL_FUNDS,
        "budget": None,
        "budget_note": "290,000 USD for the three consultations of 2012",
        "duration": "Jul. 2012 - Jan. 2013",
        "status": "completed",
        "source": S001,
    },
    {
        "slug": "consultation-2012-ulaanbaatar",
        "kind": "feasibility",
        "year": 2012,
        "title": (
            "Feasibility Study on Spatial Data Infrastructure (SDI) in terms of underground "
            "facilities such as network, pipelines and electricity in urban area"
        ),
        "cities": ["ulaanbaatar"],
        "partner": "Hyundai U&I",
        "funder": SEOUL_FUNDS,
        "budget": None,
        "budget_note": "290,000 USD for the three consultations of 2012",
        "duration": "Jul. 2012 - Jan. 2013",
        "status": "completed",
        "source": S001,
    },
    {
        "slug": "consultation-2013-addis-ababa",
        "kind": "consultation",
        "year": 2013,
        "title": "Improving delivery of government services to citizens",
        "cities": ["addis-ababa"],
        "partner": FIRM,
        "funder": SEOUL_FUNDS,
        "budget": None,
        "budget_note": "180,000 USD for the two consultations of 2013",
        "duration": "Jul. - Dec. 2013",
        "status": "ongoing",
        "source": S001,
    },
    {
        "slug": "consultation-2013-maputo",
        "kind": "consultation",
        "year": 2013,
        "title": "Complaints and Claims Management and Solid Waste Management",
        "cities": ["maputo"],
        "partner": FIRM,
        "funder": SEOUL_FUNDS,
        "budget": None,
        "budget_note": "180,000 USD for the two consultations of 2013",
        "duration": "Jul. - Dec. 2013",
        "status": "ongoing",
        "source": S001,
    },
    {
        "slug": "world-bank-urban-egov-framework",
        "kind": "joint",
        "year": 2011,
        "title": (
            "Use of Information Technologies for Better Urban Management: Urban e-Gov. "
            "Diagnostic & Solution Framework"
        ),
        "cities": ["buenos-aires", "dar-es-salaam", "ulaanbaatar"],
        "partner": "World Bank; Hyundai U&I (business partner)",
        "funder": "Korea Trust Fund (KTF), KTF-ICT4D",
        "budget": Decimal("300000"),
        "budget_note": "",
        "duration": "MOU June 2011 - August 2013",
        "status": "completed",
        "summary": (
            "A needs assessment framework for city e-government solutions, and case studies "
            "of the pilot cities of the 2012 consultation."
        ),
        "deliverables": ["Urban e-Gov. Diagnostic & Solution Framework"],
        "source": S001_ANNEX,
    },
    {
        "slug": "feasibility-2016-seberang-perai",
        "kind": "feasibility",
        "year": 2016,
        "title": "m-Government for a smart street and traffic light system",
        "cities": ["seberang-perai"],
        "partner": "",
        "funder": "",
        "budget": None,
        "budget_note": "",
        "duration": "",
        "status": "completed",
        "summary": "The feasibility study leads to a pilot implementation for the city.",
        "source": S003_FS,
    },
    {
        "slug": "feasibility-2017",
        "kind": "feasibility",
        "year": 2017,
        "title": "Feasibility Study 2017: mobile technology and connectivity",
        "cities": [],
        "partner": "",
        "funder": "",
        "budget": None,
        "budget_note": "",
        "duration": "Jul. - Dec. 2017",
        "status": "planned",
        "source": S003_FS,
    },
]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    wego = Network.objects.filter(slug="wego").first()
    if wego is None:
        return created
    orgs = {o.key: o for o in Organisation.objects.all()}
    for row in PROJECTS:
        values = {k: v for k, v in row.items() if k not in ("slug", "cities", "deliverables")}
        values.setdefault("summary", "")
        values["currency"] = "USD" if row["budget"] or row["budget_note"] else ""
        project, new = ConsultationProject.objects.update_or_create(
            slug=row["slug"], defaults={"network": wego, **values}
        )
        created["learning.project"] += new
        project.cities.set([orgs[key] for key in row["cities"]])
        for position, title in enumerate(row.get("deliverables", [])):
            _d, new = Deliverable.objects.update_or_create(
                project=project, position=position, defaults={"title": title, "delivered": True}
            )
            created["learning.deliverable"] += new
    for officer, role in (
        ("Sophie Jung", "Financial Officer"),
        ("Belmasio Kwon", "Administrative Director"),
    ):
        _s, new = Secondment.objects.update_or_create(
            network=wego,
            officer=officer,
            defaults={"role_title": role, "organisation": orgs["seoul"], "source": S003_SECONDED},
        )
        created["learning.secondment"] += new
    return created
