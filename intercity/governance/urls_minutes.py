"""The memorandum of a meeting, as HTML and PDF."""

from django.urls import path

from intercity.governance import views_minutes

urlpatterns = [
    path(
        "networks/<slug:slug>/meetings/<slug:key>/memorandum/",
        views_minutes.memorandum,
        name="governance_memorandum",
    ),
    path(
        "networks/<slug:slug>/meetings/<slug:key>/memorandum.pdf",
        views_minutes.memorandum_pdf,
        name="governance_memorandum_pdf",
    ),
]
