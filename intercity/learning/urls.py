"""Routes of the learning pages under /learning/."""

from django.urls import URLPattern, URLResolver, path

from intercity.learning import views_projects
from intercity.learning import views_training as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("learning/", views.home, name="learning_home"),
    path("learning/programmes/<slug:slug>/", views.programme, name="learning_programme"),
    path(
        "learning/programmes/<slug:slug>/sessions/new/",
        views.new_session,
        name="learning_new_session",
    ),
    path("learning/sessions/<int:pk>/", views.session, name="learning_session"),
    path("learning/sessions/<int:pk>/edit/", views.edit_session, name="learning_edit_session"),
    path(
        "learning/sessions/<int:pk>/cancel/", views.cancel_session, name="learning_cancel_session"
    ),
    path("learning/sessions/<int:pk>/call/close/", views.close_call, name="learning_close_call"),
    path("learning/sessions/<int:pk>/call/", views.open_call, name="learning_open_call"),
    path("learning/sessions/<int:pk>/lessons/new/", views.new_lesson, name="learning_new_lesson"),
    path("learning/sessions/<int:pk>/apply/", views.apply, name="learning_apply"),
    path("learning/sessions/<int:pk>/selection/", views.selection, name="learning_selection"),
    path("learning/sessions/<int:pk>/classroom/", views.classroom, name="learning_classroom"),
    path("learning/sessions/<int:pk>/survey/", views.survey, name="learning_survey"),
    path("learning/lessons/<int:pk>/", views.lesson, name="learning_lesson"),
    path("learning/lessons/<int:pk>/edit/", views.edit_lesson, name="learning_edit_lesson"),
    path("learning/lessons/<int:pk>/retire/", views.retire_lesson, name="learning_retire_lesson"),
    path("learning/lessons/<int:pk>/move/", views.move_lesson, name="learning_move_lesson"),
    path("learning/endorsements/", views.endorsements, name="learning_endorsements"),
    path("learning/applications/<int:pk>/endorse/", views.endorse, name="learning_endorse"),
    path(
        "learning/applications/<int:pk>/attendance/",
        views.attendance,
        name="learning_attendance",
    ),
    path(
        "learning/applications/<int:pk>/certificate.pdf",
        views.certificate,
        name="learning_certificate",
    ),
    path("learning/projects/", views_projects.projects, name="learning_projects"),
    path("learning/projects/<slug:slug>/", views_projects.project, name="learning_project"),
    path(
        "learning/projects/<slug:slug>/status/",
        views_projects.project_status,
        name="learning_project_status",
    ),
    path(
        "learning/projects/<slug:slug>/deliverables/",
        views_projects.project_deliverable,
        name="learning_project_deliverable",
    ),
    path(
        "learning/projects/<slug:slug>/deliverables/<int:pk>/",
        views_projects.deliverable,
        name="learning_deliverable",
    ),
    path("learning/secondments/", views_projects.secondments, name="learning_secondments"),
    path(
        "learning/secondments/calls/<int:pk>/edit/",
        views_projects.edit_secondment_call,
        name="learning_edit_secondment_call",
    ),
    path(
        "learning/secondments/calls/<int:pk>/",
        views_projects.secondment_call,
        name="learning_secondment_call",
    ),
    path(
        "learning/secondments/applications/<int:pk>/decide/",
        views_projects.secondment_decide,
        name="learning_secondment_decide",
    ),
    path("learning/certificates/", views.verify_form, name="learning_certificate_lookup"),
    path(
        "learning/certificates/<str:code>/revoke/",
        views.revoke,
        name="learning_certificate_revoke",
    ),
    path(
        "learning/certificates/<str:code>/",
        views.verify,
        name="learning_certificate_verify",
    ),
]
