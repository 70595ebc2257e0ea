"""Routes of the knowledge module's catalog pages (placeholders until the part is built)."""

from django.urls import path

from intercity.knowledge import views

urlpatterns = [
    path("knowledge/projects/<int:pk>/", views.home, name="knowledge_project"),
]
