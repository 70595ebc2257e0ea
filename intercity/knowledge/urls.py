"""Routes of the knowledge pages under /knowledge/: the catalog and its search, a project's
page and its editing, the journal and the clusters."""

from django.urls import include, path

from intercity.knowledge import views

urlpatterns = [
    path("knowledge/", views.home, name="knowledge_home"),
    path("", include("intercity.knowledge.urls_search")),
    path("", include("intercity.knowledge.urls_catalog")),
    path("", include("intercity.knowledge.urls_journal")),
    path("", include("intercity.knowledge.urls_clusters")),
]
