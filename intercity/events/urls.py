"""Routes of the events pages under /events/."""

from django.urls import URLPattern, URLResolver, path

from intercity.events import views

REGISTRATION = "events/registration/<str:token>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/", views.events_list, name="events_list"),
    path("events/<int:pk>/", views.event, name="events_event"),
    path("events/<int:pk>/sessions/<int:session_id>/", views.session, name="events_session"),
    path("events/<int:pk>/register/", views.register, name="events_register"),
    path("events/<int:pk>/participants/", views.participants, name="events_participants"),
    path("events/<int:pk>/badges.pdf", views.badges, name="events_badges"),
    path(REGISTRATION, views.registration, name="events_registration"),
    path(REGISTRATION + "confirm/", views.confirm, name="events_confirm"),
    path(REGISTRATION + "choose/", views.choose, name="events_choose"),
    path(REGISTRATION + "drop/", views.drop, name="events_drop"),
    path(REGISTRATION + "cancel/", views.cancel, name="events_cancel"),
    path(REGISTRATION + "agenda.ics", views.agenda_file, name="events_agenda_ics"),
    path(REGISTRATION + "badge.pdf", views.badge, name="events_badge"),
]
