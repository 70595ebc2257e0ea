"""Routes of the catalog's search: the search page and a project's "projects like this one"."""

from django.urls import path

from intercity.knowledge import views_search

urlpatterns = [
    path("knowledge/projects/", views_search.search, name="knowledge_search"),
    path(
        "knowledge/projects/<int:pk>/similar/",
        views_search.similar,
        name="knowledge_project_similar",
    ),
]
