"""Routes of the Best Practices Journal: its issues, an issue's page and PDF, the Atom feed
of published issues, and the Secretariat's editing pages."""

from django.urls import path

from intercity.knowledge import views_journal as views

urlpatterns = [
    path("knowledge/journal/", views.journal_list, name="knowledge_journal"),
    path("knowledge/journal/feed.atom", views.feed, name="knowledge_journal_feed"),
    path("knowledge/journal/new/", views.new_issue, name="knowledge_journal_new"),
    path("knowledge/journal/<int:pk>/", views.issue_page, name="knowledge_journal_issue"),
    path("knowledge/journal/<int:pk>/pdf/", views.issue_pdf, name="knowledge_journal_pdf"),
    path("knowledge/journal/<int:pk>/edit/", views.edit_issue, name="knowledge_journal_edit"),
    path("knowledge/journal/<int:pk>/entries/", views.add_entry, name="knowledge_journal_add"),
    path(
        "knowledge/journal/<int:pk>/entries/<int:entry_id>/note/",
        views.edit_note,
        name="knowledge_journal_note",
    ),
    path(
        "knowledge/journal/<int:pk>/entries/<int:entry_id>/remove/",
        views.remove_entry,
        name="knowledge_journal_remove",
    ),
    path(
        "knowledge/journal/<int:pk>/entries/<int:entry_id>/move/",
        views.move_entry,
        name="knowledge_journal_move",
    ),
    path("knowledge/journal/<int:pk>/publish/", views.publish, name="knowledge_journal_publish"),
]
