"""Routes of the awards pages: an edition, its set-up, applications and screening."""

from django.urls import URLPattern, URLResolver, path

from intercity.awards import views_applications as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("awards/<int:pk>/", views.edition, name="awards_edition"),
    path("awards/new/<slug:network>/", views.edition_create, name="awards_edition_create"),
    path("awards/<int:pk>/edit/", views.edition_edit, name="awards_edition_edit"),
    path("awards/<int:pk>/stage/", views.edition_stage, name="awards_edition_stage"),
    path("awards/<int:pk>/categories/", views.categories, name="awards_categories"),
    path("awards/categories/<int:pk>/", views.category, name="awards_category"),
    path("awards/categories/<int:pk>/move/", views.category_move, name="awards_category_move"),
    path(
        "awards/categories/<int:pk>/remove/", views.category_remove, name="awards_category_remove"
    ),
    path("awards/criteria/<int:pk>/", views.criterion, name="awards_criterion"),
    path(
        "awards/criteria/<int:pk>/remove/", views.criterion_remove, name="awards_criterion_remove"
    ),
    path("awards/<int:pk>/panel/", views.panel, name="awards_panel"),
    path("awards/judges/<int:pk>/", views.judge, name="awards_judge"),
    path("awards/judges/<int:pk>/head/", views.judge_head, name="awards_judge_head"),
    path("awards/judges/<int:pk>/unseat/", views.judge_unseat, name="awards_judge_unseat"),
    path("awards/<int:pk>/apply/", views.application_start, name="awards_application_start"),
    path("awards/<int:pk>/screening/", views.screening, name="awards_screening"),
    path("awards/applications/<int:pk>/", views.application, name="awards_application"),
    path(
        "awards/applications/<int:pk>/edit/",
        views.application_edit,
        name="awards_application_edit",
    ),
    path(
        "awards/applications/<int:pk>/attachments/",
        views.attachment_add,
        name="awards_attachment_add",
    ),
    path(
        "awards/applications/<int:pk>/attachments/<int:item_id>/",
        views.attachment_file,
        name="awards_attachment_file",
    ),
    path(
        "awards/applications/<int:pk>/attachments/<int:item_id>/remove/",
        views.attachment_remove,
        name="awards_attachment_remove",
    ),
    path(
        "awards/applications/<int:pk>/submit/",
        views.application_submit,
        name="awards_application_submit",
    ),
    path(
        "awards/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="awards_application_withdraw",
    ),
    path(
        "awards/applications/<int:pk>/screen/",
        views.application_screen,
        name="awards_application_screen",
    ),
]
