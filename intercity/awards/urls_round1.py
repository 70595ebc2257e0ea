"""Routes of the awards pages: round 1 (a judge's applications, scorecards and conflicts;
the Secretariat's progress, closing and results; the head of panel's decision on a tie)."""

from django.urls import URLPattern, URLResolver, path

from intercity.awards import views_round1 as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("awards/<int:edition_id>/round1/", views.judge_home, name="awards_round1_judge"),
    path(
        "awards/<int:edition_id>/round1/applications/<int:application_id>/",
        views.application,
        name="awards_round1_application",
    ),
    path(
        "awards/<int:edition_id>/round1/applications/<int:application_id>/save/",
        views.save_field,
        name="awards_round1_save_field",
    ),
    path(
        "awards/<int:edition_id>/round1/applications/<int:application_id>/attachments/"
        "<int:attachment_id>/",
        views.attachment,
        name="awards_round1_attachment",
    ),
    path(
        "awards/<int:edition_id>/round1/conflicts/",
        views.conflicts,
        name="awards_round1_conflicts",
    ),
    path("awards/<int:edition_id>/round1/progress/", views.progress, name="awards_round1_progress"),
    path("awards/<int:edition_id>/round1/close/", views.close, name="awards_round1_close"),
    path("awards/<int:edition_id>/round1/results/", views.results, name="awards_round1_results"),
    path(
        "awards/<int:edition_id>/round1/categories/<int:category_id>/decide/",
        views.decide,
        name="awards_round1_decide",
    ),
]
