"""Named actions of the awards module, split by stage of the procedure: `editions` (an
edition, its categories, criteria and panel), `applications` (a city's application and the
Secretariat's screening), `round1` (conflicts, scorecards, the ranking and the finalists),
`round2` (ballots and the places) and `results` (special mentions, publication, certificates).

Each action checks who may act, checks the state inside its transaction (a row lock or a
conditional update, on SQLite and PostgreSQL alike), asks `rules`, saves and writes one audit
event. Callers import the submodule: `from intercity.awards.services import round1`."""
