"""Routes of the timeline part's pages: a network's timeline, and the Secretariat's pages to
add and edit its milestones."""

from django.urls import URLPattern, URLResolver, path

from intercity.plans import views_timeline as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("networks/<slug:slug>/timeline/", views.timeline, name="plans_timeline"),
    path("networks/<slug:slug>/timeline/add/", views.add, name="plans_timeline_add"),
    path("networks/<slug:slug>/timeline/<int:pk>/edit/", views.edit, name="plans_timeline_edit"),
]
