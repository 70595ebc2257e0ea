"""The learning module's named actions and queries, by part: `training`, `projects`,
`secondment`. Views, API handlers and commands call these; nothing else writes the rows."""
