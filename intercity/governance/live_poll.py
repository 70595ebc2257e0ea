"""Answer a live page's poll before the middleware stack when it can be answered cheaply.

Every participant's page asks every second whether the meeting changed (`?v=` the version it
shows). Through the whole stack (session, sign-in, two factors, languages, messages, the
view) an answer costs milliseconds; four hundred pages a second then saturate a small
server. This middleware, placed right after the security middlewares, answers:

- a projector poll (the projector, and the room's board on each delegate's page): 204 when
  the version is the one shown; otherwise the region of the current version from the cache
  when a first request has rendered it in the language the page asks for (`l=`);
- a delegate's poll that carries its signed ticket (`t=`, services.live.Ticket): 204 when
  neither the meeting's shared rows nor the member's own rows changed.

Each costs one indexed read. Anything else (a changed delegate region, a first render, a
missing or forged ticket, a bad projector key) goes on through the stack to the view, which
checks everything and answers as before. No answer given here carries anything a view would
not give the same request.
"""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from intercity.governance.services import live

LIVE = r"^/networks/(?P<slug>[-a-zA-Z0-9_]+)/meetings/(?P<key>[-a-zA-Z0-9_]+)/live/"
PROJECTOR = re.compile(LIVE + r"projector/(?P<token>[^/]+)/fragment/$")
DELEGATE = re.compile(LIVE + r"fragment/$")
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _answer(status: int, html: str = "") -> HttpResponse:
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    if html:
        # A region for htmx to swap in; opened on its own it runs nothing and frames nowhere.
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        response["X-Frame-Options"] = "DENY"
    return response


class Board:
    """The projector's latest region this process has, per meeting and language, and which
    version is being rendered. When a vote moves the meeting twenty times a second, every
    screen asking in between would otherwise miss the cache and render it again; here one
    request renders each version while the others get the latest region there is, when it is
    newer than what they show (or 204 when it is not). A screen is then at most one render
    behind, a few milliseconds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest: dict[tuple[int, str, str], tuple[int, str]] = {}
        self.rendering: dict[tuple[int, str, str], int] = {}

    def claim(self, where: tuple[int, str, str], current: int) -> bool:
        """True for the one request that renders `current`; False for the others."""
        with self.lock:
            if self.rendering.get(where, -1) >= current:
                return False
            self.rendering[where] = current
            return True

    def keep(self, where: tuple[int, str, str], version: int, html: str) -> None:
        with self.lock:
            if self.latest.get(where, (-1, ""))[0] < version:
                self.latest[where] = (version, html)

    def release(self, where: tuple[int, str, str], current: int) -> None:
        with self.lock:
            if self.rendering.get(where) == current:
                del self.rendering[where]

    def get(self, where: tuple[int, str, str]) -> tuple[int, str] | None:
        return self.latest.get(where)


BOARD = Board()


class Render:
    """The poll goes on to the view, which renders version `current`; its answer is kept."""

    def __init__(self, where: tuple[int, str, str], current: int) -> None:
        self.where, self.current = where, current


def projector_poll(
    request: HttpRequest, slug: str, key: str, token: str
) -> HttpResponse | Render | None:
    shown = request.GET.get("v", "")
    if not shown.isdigit():
        return None
    found = live.poll_projector(slug, key)
    if found is None:
        return None
    meeting_id, current, projector_key = found
    if not hmac.compare_digest(projector_key.encode(), token.encode()):
        return None  # the view says "no projector at this address"
    if int(shown) >= current:
        return _answer(204)
    language = request.GET.get("l", "")
    if language not in LANGUAGES:
        return None
    # The key tells this meeting from a later one given the same id (SQLite may reuse ids).
    where = (meeting_id, projector_key, language)
    latest = BOARD.get(where)
    if latest is not None and latest[0] >= current:
        return _answer(200, latest[1])
    html = cache.get(live.projector_cache_key(meeting_id, projector_key, current, language))
    if isinstance(html, str):
        BOARD.keep(where, current, html)
        return _answer(200, html)
    if BOARD.claim(where, current):
        return Render(where, current)
    if latest is not None and latest[0] > int(shown):
        return _answer(200, latest[1])
    return _answer(204)


def delegate_poll(request: HttpRequest, slug: str, key: str) -> HttpResponse | None:
    ticket = live.read_ticket(request.GET.get("t", ""))
    shown = request.GET.get("v", "")
    if ticket is None or not shown:
        return None
    # The ticket names a meeting by its id, the address by network and key: both must agree (a
    # ticket of another meeting proves nothing about this one).
    current = live.poll_delegate(ticket.meeting_id, ticket.organisation_id, slug, key)
    return _answer(204) if current is not None and current == shown else None


class LivePollMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.path_info.endswith("/fragment/"):
            answer = self.poll(request)
            if isinstance(answer, HttpResponse):
                return answer
            if isinstance(answer, Render):
                try:
                    response = self.get_response(request)
                    if response.status_code == 200:
                        BOARD.keep(answer.where, answer.current, response.content.decode())
                    return response
                finally:
                    BOARD.release(answer.where, answer.current)
        return self.get_response(request)

    @staticmethod
    def poll(request: HttpRequest) -> HttpResponse | Render | None:
        path = request.path_info
        if match := PROJECTOR.match(path):
            return projector_poll(request, **match.groupdict())
        if match := DELEGATE.match(path):
            return delegate_poll(request, **match.groupdict())
        return None
