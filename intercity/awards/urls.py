"""Routes of the awards pages under /awards/: the editions and applications
(`urls_applications`), the judges' round 1 (`urls_round1`), round 2 and the results
(`urls_round2`)."""

from django.urls import URLPattern, URLResolver, include, path

from intercity.awards import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("awards/", views.home, name="awards_home"),
    path("", include("intercity.awards.urls_applications")),
    path("", include("intercity.awards.urls_round1")),
    path("", include("intercity.awards.urls_round2")),
]
