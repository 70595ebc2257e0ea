"""The live meeting room: delegate, clerk and projector pages and their polled fragments."""

from django.urls import path

from intercity.governance.views import live

LIVE = "networks/<slug:slug>/meetings/<slug:key>/live/"

urlpatterns = [
    path(LIVE, live.delegate_page, name="governance_live"),
    path(LIVE + "fragment/", live.delegate_fragment, name="governance_live_fragment"),
    path(LIVE + "check-in/", live.delegate_check_in, name="governance_live_check_in"),
    path(LIVE + "ballots/<int:pk>/", live.delegate_ballot, name="governance_live_ballot"),
    path(LIVE + "speak/", live.delegate_speak, name="governance_live_speak"),
    path(LIVE + "clerk/", live.clerk_page, name="governance_live_clerk"),
    path(LIVE + "clerk/fragment/", live.clerk_fragment, name="governance_live_clerk_fragment"),
    path(LIVE + "clerk/settings/", live.clerk_settings, name="governance_live_clerk_settings"),
    path(LIVE + "clerk/delegates/", live.clerk_designate, name="governance_live_designate"),
    path(
        LIVE + "clerk/delegates/<int:pk>/remove/",
        live.clerk_remove_delegate,
        name="governance_live_remove_delegate",
    ),
    path(LIVE + "clerk/ballots/<int:pk>/", live.clerk_ballot, name="governance_live_clerk_ballot"),
    path(LIVE + "clerk/close/<int:pk>/", live.clerk_close, name="governance_live_close"),
    path(LIVE + "projector/<str:token>/", live.projector, name="governance_live_projector"),
    path(
        LIVE + "projector/<str:token>/fragment/",
        live.projector_fragment,
        name="governance_live_projector_fragment",
    ),
]
