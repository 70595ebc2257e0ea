"""The floor of an agenda item: speakers list, amendments, elections to several seats and
document versions."""

from django.urls import path

from intercity.governance.views import floor

FLOOR = "networks/<slug:slug>/meetings/<slug:key>/agenda/<int:item_id>/floor/"

urlpatterns = [
    path(FLOOR, floor.floor_page, name="governance_floor"),
    path(FLOOR + "speakers/open/", floor.speakers_open, name="governance_speakers_open"),
    path(FLOOR + "speakers/request/", floor.speak_request, name="governance_speak_request"),
    path(
        FLOOR + "speakers/<int:speech_id>/withdraw/",
        floor.speak_withdraw,
        name="governance_speak_withdraw",
    ),
    path(
        FLOOR + "speakers/<int:speech_id>/first/",
        floor.speech_first,
        name="governance_speech_first",
    ),
    path(FLOOR + "speakers/start/", floor.speech_start, name="governance_speech_start"),
    path(FLOOR + "speakers/end/", floor.speech_end, name="governance_speech_end"),
    path(FLOOR + "settings/", floor.floor_settings, name="governance_floor_settings"),
    path(
        FLOOR + "motions/<int:motion_id>/amendments/",
        floor.amendment_add,
        name="governance_amendment_add",
    ),
    path(FLOOR + "elections/", floor.seats_election_add, name="governance_seats_election_add"),
    path(
        FLOOR + "elections/<int:decision_id>/runoff/",
        floor.runoff_add,
        name="governance_runoff_add",
    ),
    path(FLOOR + "documents/", floor.version_add, name="governance_version_add"),
    path(
        FLOOR + "documents/versions/<int:version_id>/",
        floor.version_file,
        name="governance_version_file",
    ),
]
