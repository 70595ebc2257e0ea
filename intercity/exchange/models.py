"""Exchange: how member cities find partners (SPEC module 7, second half).

- Needs and offers (seed 001, Nairobi's proposal): a city says what it needs help with and what
  it can offer; the Secretariat matches them and the pairs become exchanges (`models_needs`).
- Matchmaking meetings at an event (seed 002): 30-minute bilateral meetings in rooms, placed
  by a scheduler within everyone's availability (`models_matchmaking`).
- Twinning (seed 004): each ASCN pilot city may pair with one external partner; a stable
  matching proposes, staff confirm, the pairs are published (`models_twinning`).

Only `exchange.services` writes these rows.
"""

from intercity.exchange.models_matchmaking import *  # noqa: F403
from intercity.exchange.models_needs import *  # noqa: F403
from intercity.exchange.models_twinning import *  # noqa: F403
