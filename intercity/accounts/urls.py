from django.urls import path

from intercity.accounts import views

urlpatterns = [
    path("language/", views.choose_language, name="choose_language"),
]
