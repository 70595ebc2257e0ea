import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from intercity import settings as site_settings
from intercity.core.links import absolute, absolute_url


@override_settings(SITE_URL="https://intercity.example.org")
def test_links_leaving_the_site_start_with_the_site_url() -> None:
    assert absolute("/cps/seoul/") == "https://intercity.example.org/cps/seoul/"
    assert absolute("cps/seoul/") == "https://intercity.example.org/cps/seoul/"
    assert absolute("https://other.example/x") == "https://other.example/x"
    assert absolute_url("home") == "https://intercity.example.org/"


@pytest.mark.parametrize(
    "raw", ["intercity.example.org", "ftp://x.example", "https://", "https://x.example/?a=1"]
)
def test_a_site_url_that_is_not_an_address_stops_the_start(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_settings._site_url(raw)


def test_the_site_url_loses_its_trailing_slash() -> None:
    assert site_settings._site_url("https://x.example/ ") == "https://x.example"
