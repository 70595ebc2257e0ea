"""Routes of the Civic Participation System's pages: a city's citizens under /cps/<slug>/,
its staff under /cps/<slug>/staff/ (Open311 and the dashboards are mounted on their own)."""

from django.urls import URLPattern, URLResolver, path

from intercity.participation import feeds, views, views_alerts

urlpatterns: list[URLPattern | URLResolver] = [
    path("cps/", views.index, name="cps_index"),
    # Before the cities' pages: "my-reports" would read as a city's slug.
    path("cps/my-reports/", views.my_reports, name="cps_my_reports"),
    path("cps/<slug:slug>/", views.home, name="cps_home"),
    path("cps/<slug:slug>/find/", views.find, name="cps_find"),
    path("cps/<slug:slug>/report/", views.report_new, name="cps_report_new"),
    path("cps/<slug:slug>/report/nearby/", views.report_nearby, name="cps_report_nearby"),
    path("cps/<slug:slug>/reports/", views.report_list, name="cps_reports"),
    path("cps/<slug:slug>/reports/map.json", views.report_map, name="cps_reports_map"),
    path("cps/<slug:slug>/reports/<str:public_id>/", views.report_detail, name="cps_report"),
    path(
        "cps/<slug:slug>/reports/<str:public_id>/comments/",
        views.report_comment,
        name="cps_comment",
    ),
    path("cps/<slug:slug>/reports/<str:public_id>/follow/", views.report_follow, name="cps_follow"),
    path(
        "cps/<slug:slug>/reports/<str:public_id>/not-fixed/",
        views.report_not_fixed,
        name="cps_not_fixed",
    ),
    path("cps/<slug:slug>/reports/<str:public_id>/rate/", views.report_rate, name="cps_rate"),
    path("cps/<slug:slug>/track/<str:token>/", views.report_track, name="cps_track"),
    path("cps/<slug:slug>/setup/citizens/", views.citizens_setup, name="cps_setup_citizens"),
    path(
        "cps/<slug:slug>/reports/<str:public_id>/support/",
        views.report_support,
        name="cps_support",
    ),
    path(
        "cps/<slug:slug>/reports/<str:public_id>/photos/<int:photo_id>/",
        views.report_photo,
        name="cps_photo",
    ),
    path("cps/<slug:slug>/alerts/", views_alerts.alerts_page, name="cps_alerts"),
    path(
        "cps/<slug:slug>/alerts/confirm/<str:token>/",
        views_alerts.alert_confirm,
        name="cps_alert_confirm",
    ),
    path(
        "cps/<slug:slug>/alerts/unsubscribe/<str:token>/",
        views_alerts.alert_unsubscribe,
        name="cps_alert_unsubscribe",
    ),
    path("cps/<slug:slug>/follow/stop/<str:token>/", views_alerts.unfollow, name="cps_unfollow"),
    path("cps/<slug:slug>/feeds/near.atom", feeds.near, name="cps_feed_near"),
    path("cps/<slug:slug>/feeds/area/<str:label>.atom", feeds.area, name="cps_feed_area"),
    path("cps/<slug:slug>/reports/<str:public_id>/feed.atom", feeds.report, name="cps_report_feed"),
    path("cps/<slug:slug>/staff/", views.queue, name="cps_queue"),
    path("cps/<slug:slug>/staff/map.json", views.queue_map, name="cps_queue_map"),
    path("cps/<slug:slug>/staff/api-keys/", views.api_keys, name="cps_api_keys"),
    path(
        "cps/<slug:slug>/staff/reports/<str:public_id>/",
        views.staff_report,
        name="cps_staff_report",
    ),
    path(
        "cps/<slug:slug>/staff/reports/<str:public_id>/status/",
        views.staff_status,
        name="cps_staff_status",
    ),
    path(
        "cps/<slug:slug>/staff/reports/<str:public_id>/assign/",
        views.staff_assign,
        name="cps_staff_assign",
    ),
    path(
        "cps/<slug:slug>/staff/reports/<str:public_id>/merge/",
        views.staff_merge,
        name="cps_staff_merge",
    ),
    path(
        "cps/<slug:slug>/staff/reports/<str:public_id>/moderate/",
        views.staff_moderate,
        name="cps_staff_moderate",
    ),
]
