from django.urls import path

from intercity.network import views

urlpatterns = [
    path("", views.home, name="home"),
    path("networks/<slug:slug>/", views.network_detail, name="network"),
    path("networks/<slug:slug>/members/", views.directory, name="directory"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
