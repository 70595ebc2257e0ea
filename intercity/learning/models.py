"""Learning: SPEC's training, consultation and secondment programmes (seeds 001 and 003).

- Training (`models_training`): programmes, sessions and their curriculum, calls for
  participants, applications endorsed by the city, selection, attendance, the online classroom
  (lessons and their completion), the satisfaction survey and certificates.
- Projects (`models_projects`): consultation and feasibility projects for member cities.
- Secondments (`models_secondment`): calls, applications and terms at the Secretariat.

Only `learning.services` writes these rows.
"""

from intercity.learning.models_projects import *  # noqa: F403
from intercity.learning.models_secondment import *  # noqa: F403
from intercity.learning.models_training import *  # noqa: F403
