"""Routes of the awards pages: round 2 (ballots, progress, close, the panel's tie decision
and Special Mentions) and the results (publication, the results page, certificates)."""

from django.urls import URLPattern, URLResolver, path

from intercity.awards import views_round2 as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("awards/editions/<int:edition_id>/ballot/", views.ballot, name="awards_round2_ballot"),
    path("awards/categories/<int:category_id>/ballot/", views.cast, name="awards_round2_cast"),
    path(
        "awards/editions/<int:edition_id>/round2/",
        views.progress,
        name="awards_round2_progress",
    ),
    path(
        "awards/editions/<int:edition_id>/round2/close/",
        views.close,
        name="awards_round2_close",
    ),
    path("awards/categories/<int:category_id>/places/", views.decide, name="awards_round2_decide"),
    path("awards/categories/<int:category_id>/mentions/", views.mention, name="awards_mention"),
    path("awards/editions/<int:edition_id>/results/", views.results, name="awards_results"),
    path("awards/editions/<int:edition_id>/publish/", views.publish, name="awards_publish"),
    path(
        "awards/certificates/<int:placement_id>.pdf",
        views.certificate,
        name="awards_certificate",
    ),
]
