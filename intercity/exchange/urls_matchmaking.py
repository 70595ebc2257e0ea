"""Routes of the matchmaking part's pages under /exchange/."""

from django.urls import URLPattern, URLResolver, path

from intercity.exchange import views_matchmaking as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("exchange/matchmaking/new/", views.new_event, name="matchmaking_new_event"),
    path("exchange/matchmaking/<int:pk>/", views.event, name="matchmaking_event"),
    path("exchange/matchmaking/<int:pk>/windows/", views.add_window, name="matchmaking_add_window"),
    path(
        "exchange/matchmaking/<int:pk>/windows/<int:window_id>/remove/",
        views.remove_window,
        name="matchmaking_remove_window",
    ),
    path(
        "exchange/matchmaking/<int:pk>/request/", views.request_meeting, name="matchmaking_request"
    ),
    path("exchange/matchmaking/<int:pk>/requests/", views.my_requests, name="matchmaking_requests"),
    path(
        "exchange/matchmaking/<int:pk>/requests/<int:request_id>/answer/",
        views.answer,
        name="matchmaking_answer",
    ),
    path(
        "exchange/matchmaking/<int:pk>/requests/<int:request_id>/withdraw/",
        views.withdraw,
        name="matchmaking_withdraw",
    ),
    path("exchange/matchmaking/<int:pk>/rooms/", views.add_room, name="matchmaking_add_room"),
    path(
        "exchange/matchmaking/<int:pk>/participants/",
        views.add_participant,
        name="matchmaking_add_participant",
    ),
    path("exchange/matchmaking/<int:pk>/status/", views.set_status, name="matchmaking_status"),
    path("exchange/matchmaking/<int:pk>/schedule/", views.scheduling, name="matchmaking_schedule"),
    path(
        "exchange/matchmaking/<int:pk>/schedule/run/",
        views.run_schedule,
        name="matchmaking_run_schedule",
    ),
    path(
        "exchange/matchmaking/<int:pk>/schedule/announce/",
        views.announce,
        name="matchmaking_announce",
    ),
    path(
        "exchange/matchmaking/agenda/<int:participant_id>/",
        views.agenda,
        name="matchmaking_agenda",
    ),
    path(
        "exchange/matchmaking/agenda/<int:participant_id>/agenda.pdf",
        views.agenda_pdf,
        name="matchmaking_agenda_pdf",
    ),
    path(
        "exchange/matchmaking/agenda/<int:participant_id>/agenda.ics",
        views.agenda_ics,
        name="matchmaking_agenda_ics",
    ),
]
