"""Routes of the needs part's pages under /exchange/."""

from django.urls import URLPattern, URLResolver, path, re_path

from intercity.exchange import views_needs as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("exchange/needs/", views.browse, name="exchange_browse"),
    path("exchange/needs/mine/", views.mine, name="exchange_needs_mine"),
    path("exchange/matching/", views.matching, name="exchange_matching"),
    re_path(
        r"^exchange/matching/proposals/(?P<pk>[0-9]{1,9})/(?P<verdict>accept|reject)/$",
        views.decide,
        name="exchange_proposal_decide",
    ),
    path("exchange/exchanges/<int:pk>/", views.exchange, name="exchange_exchange"),
    # Only "needs" and "offers": the other parts' routes under /exchange/ stay theirs.
    re_path(r"^exchange/(?P<kind>needs|offers)/new/$", views.new, name="exchange_posting_new"),
    re_path(
        r"^exchange/(?P<kind>needs|offers)/(?P<pk>[0-9]{1,9})/edit/$",
        views.edit,
        name="exchange_posting_edit",
    ),
    re_path(
        r"^exchange/(?P<kind>needs|offers)/(?P<pk>[0-9]{1,9})/withdraw/$",
        views.withdraw,
        name="exchange_posting_withdraw",
    ),
]
