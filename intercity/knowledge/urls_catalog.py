"""Routes of the knowledge module's catalog pages: a project, writing and editing it, its
files, a city's projects and the Secretariat's review queue."""

from django.urls import path

from intercity.knowledge import views_catalog as views

urlpatterns = [
    path("knowledge/projects/new/", views.project_new, name="knowledge_project_new"),
    path("knowledge/projects/<int:pk>/", views.project, name="knowledge_project"),
    path("knowledge/projects/<int:pk>/edit/", views.project_edit, name="knowledge_project_edit"),
    path("knowledge/projects/<int:pk>/move/", views.project_move, name="knowledge_project_move"),
    path("knowledge/projects/<int:pk>/files/", views.project_files, name="knowledge_project_files"),
    path(
        "knowledge/projects/<int:pk>/files/<int:file_id>/",
        views.project_file,
        name="knowledge_project_file",
    ),
    path(
        "knowledge/projects/<int:pk>/files/<int:file_id>/remove/",
        views.project_file_remove,
        name="knowledge_project_file_remove",
    ),
    path("knowledge/my-projects/", views.my_projects, name="knowledge_my_projects"),
    path(
        "knowledge/winners/<int:placement_id>/add/",
        views.add_winner,
        name="knowledge_add_winner",
    ),
    path("knowledge/review/", views.review, name="knowledge_review"),
]
