"""Routes of the knowledge module's search pages (placeholders until the part is built)."""

from django.urls import path

from intercity.knowledge import views

urlpatterns = [
    path("knowledge/projects/", views.home, name="knowledge_search"),
    path("knowledge/projects/<int:pk>/similar/", views.home, name="knowledge_project_similar"),
]
