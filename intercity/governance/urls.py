"""Governance pages: meetings (the live meeting page and its staff actions), decisions,
officers, deadlines and resolutions by written consent."""

from django.urls import path

from intercity.governance import views
from intercity.governance.views import statute_text

NETWORK = "networks/<slug:slug>/"
MEETING = NETWORK + "meetings/<slug:key>/"
ITEM = MEETING + "agenda/<int:item_id>/"
DECISION = NETWORK + "decisions/<int:pk>/"

urlpatterns = [
    path(NETWORK + "governance/", views.home, name="governance_home"),
    path(NETWORK + "meetings/new/", views.meeting_new, name="governance_meeting_new"),
    path(MEETING, views.meeting, name="governance_meeting"),
    path(MEETING + "status/", views.meeting_status, name="governance_meeting_status"),
    path(MEETING + "participants/", views.participant_add, name="governance_participant_add"),
    path(
        MEETING + "participants/<int:participant_id>/check-in/",
        views.check_in,
        name="governance_check_in",
    ),
    path(MEETING + "agenda/", views.agenda_item_add, name="governance_agenda_add"),
    path(ITEM + "documents/", views.document_add, name="governance_document_add"),
    path(ITEM + "motions/", views.motion_add, name="governance_motion_add"),
    path(ITEM + "elections/", views.election_add, name="governance_election_add"),
    path(ITEM + "announcements/", views.announcement_add, name="governance_announcement_add"),
    path(NETWORK + "decisions/", views.decisions, name="governance_decisions"),
    path(DECISION, views.decision, name="governance_decision"),
    path(DECISION + "votes/", views.vote, name="governance_vote"),
    path(DECISION + "counts/", views.counts, name="governance_counts"),
    path(DECISION + "close/", views.close_motion, name="governance_close_motion"),
    path(DECISION + "candidates/", views.candidate_add, name="governance_candidate_add"),
    path(DECISION + "result/", views.close_election, name="governance_close_election"),
    path(DECISION + "withdraw/", views.withdraw, name="governance_withdraw"),
    path(DECISION + "consents/", views.consent, name="governance_consent"),
    path(DECISION + "consents/close/", views.close_consent, name="governance_close_consent"),
    path(
        NETWORK + "written-consents/new/",
        views.written_consent_new,
        name="governance_written_consent_new",
    ),
    path(NETWORK + "officers/", views.officers, name="governance_officers"),
    path(NETWORK + "deadlines/", views.deadlines, name="governance_deadlines"),
    path(NETWORK + "statute/", statute_text.statute, name="governance_statute"),
    path(
        NETWORK + "statute/compare/",
        statute_text.statute_compare,
        name="governance_statute_compare",
    ),
    path(NETWORK + "statute/<str:day>/", statute_text.statute, name="governance_statute_text"),
]
