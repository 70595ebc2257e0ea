"""City action plans and reporting: SPEC module 8, the ASEAN Smart Cities Network (seed 004).

- Representation (`models_representation`): the network's rules of who represents whom, as
  dated data (up to three cities per ASEAN Member State, its capital included; one Chief Smart
  City Officer per city; one National Representative per state; the ASEAN Chair's
  representative chairs and hosts the annual meeting, with a shepherd), and the nominations.
- Plans and progress (`models_plans`): each pilot city's action plan 2018-2025 in its focus
  areas, its projects and action lines with targets, budgets, partners and milestones; yearly
  progress per action line; the roll-ups; the annual report, edited and frozen by the Chair.
- Timeline (`models_timeline`): the network's dated milestones (meetings, the ASEAN Smart
  Cities Framework and its endorsements).

Only `plans.services` writes these rows.
"""

from intercity.plans.models_plans import *  # noqa: F403
from intercity.plans.models_report import *  # noqa: F403
from intercity.plans.models_representation import *  # noqa: F403
from intercity.plans.models_timeline import *  # noqa: F403
