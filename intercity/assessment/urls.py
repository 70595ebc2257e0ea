"""Routes of the assessment pages under /assessment/."""

from django.urls import URLPattern, URLResolver, path

from intercity.assessment import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("assessment/", views.home, name="assessment_home"),
    path(
        "assessment/instruments/<slug:slug>/", views.instrument_detail, name="assessment_instrument"
    ),
    path("assessment/modules/", views.module_list, name="assessment_modules"),
    path("assessment/modules/<slug:slug>/", views.module_detail, name="assessment_module"),
    path("assessment/master-plan/", views.master_plan, name="assessment_master_plan"),
    path("assessment/cities/<int:organisation_id>/", views.city, name="assessment_city"),
    path("assessment/cities/<int:organisation_id>/start/", views.start, name="assessment_start"),
    path("assessment/<int:pk>/", views.edit, name="assessment_edit"),
    path("assessment/<int:pk>/steps/<slug:step>/", views.edit, name="assessment_step"),
    path(
        "assessment/<int:pk>/steps/<slug:step>/autosave/",
        views.autosave,
        name="assessment_autosave",
    ),
    path("assessment/<int:pk>/submit/", views.submit, name="assessment_submit"),
    path("assessment/<int:pk>/evidence/", views.evidence, name="assessment_evidence"),
    path(
        "assessment/<int:pk>/evidence/<int:item_id>/delete/",
        views.evidence_delete,
        name="assessment_evidence_delete",
    ),
    path(
        "assessment/<int:pk>/evidence/<int:item_id>/file/",
        views.evidence_file,
        name="assessment_evidence_file",
    ),
    path("assessment/<int:pk>/result/", views.result, name="assessment_result"),
    path("assessment/<int:pk>/answers/", views.answers, name="assessment_answers"),
    path("assessment/<int:pk>/answers/comment/", views.comment, name="assessment_comment"),
    path(
        "assessment/<int:pk>/answers/comment/<int:comment_id>/delete/",
        views.comment_delete,
        name="assessment_comment_delete",
    ),
    path("assessment/<int:pk>/report.pdf", views.report, name="assessment_report"),
    path("assessment/<int:pk>/benchmark/", views.benchmark, name="assessment_benchmark"),
    path("assessment/<int:pk>/sharing/", views.sharing, name="assessment_sharing"),
    path("assessment/<int:pk>/review/", views.review, name="assessment_review"),
    path("assessment/review/", views.review_queue, name="assessment_review_queue"),
    path("assessment/networks/<slug:slug>/", views.network_overview, name="assessment_network"),
    path(
        "assessment/networks/<slug:slug>/export.csv",
        views.network_csv,
        name="assessment_network_csv",
    ),
]
