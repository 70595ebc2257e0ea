"""The regional offices page and the Secretariat's forms on it."""

from django.urls import path

from intercity.governance import views_regional

PAGE = "networks/<slug:slug>/regional-offices/"

urlpatterns = [
    path(PAGE, views_regional.regional_offices, name="governance_regional_offices"),
    path(PAGE + "bids/", views_regional.bid_submit, name="governance_regional_bid"),
    path(PAGE + "bids/vote/", views_regional.bid_election, name="governance_regional_election"),
    path(PAGE + "reports/", views_regional.report_record, name="governance_regional_report"),
    path(
        PAGE + "assessments/",
        views_regional.assessment_record,
        name="governance_regional_assessment",
    ),
]
