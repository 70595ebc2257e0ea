"""Open311 routes: Service Discovery at /open311/discovery.{json|xml} and GeoReport v2 under
/open311/v2/, with the jurisdiction as a path segment (/open311/v2/seoul/services.xml) or as
the `jurisdiction_id` parameter (/open311/v2/services.xml?jurisdiction_id=seoul).

The format is any extension here so that an unsupported one gets the spec's error (404),
not a bare page. A doubled slash after the jurisdiction is accepted: clients join the
discovered endpoint URL (which ends in '/') and the method with one more '/'. The routes of
one resource come before the list routes, so that /open311/v2/services/graffiti.xml is a
service definition and not the service list of a jurisdiction named 'services'.
"""

from django.urls import URLPattern, URLResolver, re_path

from intercity.participation import open311

FORMAT = r"\.(?P<fmt>[A-Za-z0-9]+)$"
V2 = r"^open311/v2/(?:(?P<jurisdiction_id>[-\w]+)/+)?"

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^open311/discovery" + FORMAT, open311.discovery, name="open311-discovery"),
    re_path(
        V2 + r"services/(?P<service_code>[-\w]+)" + FORMAT,
        open311.service_definition,
        name="open311-service",
    ),
    re_path(
        V2 + r"requests/(?P<service_request_id>[-\w]+)" + FORMAT,
        open311.service_request,
        name="open311-request",
    ),
    re_path(V2 + r"tokens/(?P<token>[-\w]+)" + FORMAT, open311.token, name="open311-token"),
    re_path(V2 + r"services" + FORMAT, open311.service_list, name="open311-services"),
    re_path(V2 + r"requests" + FORMAT, open311.service_requests, name="open311-requests"),
]
