"""Routes of the events pages under /events/."""

from django.urls import URLPattern, URLResolver, path

from intercity.events import views, views_organising

REGISTRATION = "events/registration/<str:token>/"
ORGANISE = "events/<int:pk>/organise/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/", views.events_list, name="events_list"),
    path("events/<int:pk>/", views.event, name="events_event"),
    path("events/<int:pk>/sessions/<int:session_id>/", views.session, name="events_session"),
    path("events/<int:pk>/register/", views.register, name="events_register"),
    path("events/<int:pk>/participants/", views.participants, name="events_participants"),
    path("events/<int:pk>/badges.pdf", views.badges, name="events_badges"),
    path(
        "events/organise/<slug:slug>/",
        views_organising.network_events,
        name="events_network_events",
    ),
    path("events/organise/<slug:slug>/new/", views_organising.event_new, name="events_new"),
    path(ORGANISE, views_organising.organise, name="events_organise"),
    path(ORGANISE + "event/", views_organising.event_edit, name="events_edit"),
    path(ORGANISE + "rooms/new/", views_organising.room, name="events_room_new"),
    path(ORGANISE + "rooms/<int:room_id>/", views_organising.room, name="events_room"),
    path(ORGANISE + "tracks/new/", views_organising.track, name="events_track_new"),
    path(ORGANISE + "tracks/<int:track_id>/", views_organising.track, name="events_track"),
    path(ORGANISE + "sessions/new/", views_organising.session, name="events_session_new"),
    path(
        ORGANISE + "sessions/<int:session_id>/",
        views_organising.session,
        name="events_session_edit",
    ),
    path(
        ORGANISE + "sessions/<int:session_id>/cancel/",
        views_organising.session_cancel,
        name="events_session_cancel",
    ),
    path(
        ORGANISE + "sessions/<int:session_id>/delete/",
        views_organising.session_delete,
        name="events_session_delete",
    ),
    path(ORGANISE + "categories/new/", views_organising.category, name="events_category_new"),
    path(
        ORGANISE + "categories/<int:category_id>/",
        views_organising.category,
        name="events_category",
    ),
    path(
        ORGANISE + "registration/",
        views_organising.registration_switch,
        name="events_registration_switch",
    ),
    path(REGISTRATION, views.registration, name="events_registration"),
    path(REGISTRATION + "confirm/", views.confirm, name="events_confirm"),
    path(REGISTRATION + "choose/", views.choose, name="events_choose"),
    path(REGISTRATION + "drop/", views.drop, name="events_drop"),
    path(REGISTRATION + "cancel/", views.cancel, name="events_cancel"),
    path(REGISTRATION + "agenda.ics", views.agenda_file, name="events_agenda_ics"),
    path(REGISTRATION + "badge.pdf", views.badge, name="events_badge"),
]
