from django.urls import path

from intercity.core import views

urlpatterns = [
    path("operations/schedules/", views.schedule_list, name="core_schedules"),
    path("operations/schedules/<str:name>/run/", views.schedule_run, name="core_schedule_run"),
]
