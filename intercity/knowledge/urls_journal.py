"""Routes of the knowledge module's journal pages (placeholders until the part is built)."""

from django.urls import path

from intercity.knowledge import views

urlpatterns = [
    path("knowledge/journal/", views.home, name="knowledge_journal"),
    path("knowledge/journal/<int:pk>/", views.home, name="knowledge_journal_issue"),
]
