"""Admin for the knowledge module: translations of the clusters' and the SDGs' names (the
rest changes through the pages, each through a named service with its audit event)."""
