"""Routes of the twinning part's pages under /exchange/twinning/: the rounds, a round's public
list of pairs, the staff's page of a round and its actions, a participant's ranking page."""

from django.urls import URLPattern, URLResolver, path

from intercity.exchange import views_twinning as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("exchange/twinning/", views.rounds, name="exchange_twinning"),
    path("exchange/twinning/open/", views.open_round, name="exchange_twinning_open"),
    path("exchange/twinning/<int:pk>/", views.round_pairs, name="exchange_twinning_round"),
    path("exchange/twinning/<int:pk>/manage/", views.manage, name="exchange_twinning_manage"),
    path("exchange/twinning/<int:pk>/run/", views.run, name="exchange_twinning_run"),
    path(
        "exchange/twinning/<int:pk>/pairs/<int:pair_id>/<str:decision>/",
        views.decide,
        name="exchange_twinning_decide",
    ),
    path(
        "exchange/twinning/<int:pk>/confirm-all/",
        views.confirm_all,
        name="exchange_twinning_confirm_all",
    ),
    path("exchange/twinning/<int:pk>/publish/", views.publish, name="exchange_twinning_publish"),
    path(
        "exchange/twinning/<int:pk>/rank/<int:participant_id>/",
        views.rank,
        name="exchange_twinning_rank",
    ),
    path(
        "exchange/twinning/<int:pk>/taking-part/<int:participant_id>/",
        views.taking_part,
        name="exchange_twinning_taking_part",
    ),
]
