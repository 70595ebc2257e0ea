"""Routes of the pages a mail's links open (core/mail_views.py)."""

from django.urls import path

from intercity.core import mail_views

urlpatterns = [
    path("mail/unsubscribe/<str:token>/", mail_views.unsubscribe, name="mail_unsubscribe"),
    path("mail/preferences/", mail_views.my_preferences, name="mail_preferences"),
    path("mail/preferences/<str:token>/", mail_views.preferences, name="mail_preferences_token"),
]
