"""Every page answers with the headers that limit what a browser lets it do."""

import pytest

pytestmark = pytest.mark.django_db


def csp_of(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = [part.split() for part in policy.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/docs", "/cps/"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, url):
    response = client.get(url)
    assert response.status_code in {200, 302}
    policy = csp_of(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_pages_refuse_sniffing_framing_and_cross_site_referrers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only_and_same_site(client, secretariat):
    from intercity.conftest import PASSWORD

    client.post("/accounts/login/", {"username": secretariat.username, "password": PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 12 * 3600


def test_no_template_runs_an_inline_script_or_event_handler():
    """The policy forbids inline script: a template that adds one would break silently."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if inline_script.search(path.read_text()) or handler.search(path.read_text())
    ]
    assert offenders == []
