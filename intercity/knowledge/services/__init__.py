"""The knowledge module's named actions, by part: `catalog` (writing, reviewing and
publishing projects, their files), `search` (the catalog's search, facets and "projects like
this one"), `journal` (the Best Practices Journal) and `clusters` (thematic clusters, their
members, events and activity). Each action checks who may act, runs in one transaction and
writes its audit event."""
