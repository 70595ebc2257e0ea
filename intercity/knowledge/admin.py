"""Admin for the knowledge module: translations only (the clusters' and the SDGs' names and
descriptions, a journal issue's title and editorial), each saved through its part's service
with its audit event; everything else changes through the pages. The registrations are kept
by part."""

from intercity.knowledge import admin_clusters as admin_clusters
from intercity.knowledge import admin_journal as admin_journal
