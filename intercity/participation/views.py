"""Pages of the Civic Participation System: citizens report a problem to their city and
follow it; the city's staff work the queue and move reports through the workflow.

Thin views: the jurisdiction is resolved by `tenancy` (public, or staff of that city only),
every report is read through `tenancy`, and every change is one named action of
`participation.services`; a DomainError comes back as a form error and nothing is saved.
Everything works without JavaScript; `participation/report.js` adds "Use my location" and,
when a tile server is configured (`maps`), Leaflet maps: a pin on the report form, the
reports of the public list and of the staff queue (from `report_map` and `queue_map`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts.throttle import client_address
from intercity.core.bounds import MAX_DB_ID
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.participation import forms, maps, rules, services, tenancy, throttle
from intercity.participation.models import Jurisdiction, Report, Service, Status

View = Callable[..., HttpResponse]

PUBLIC_PAGE_SIZE = 25
MAX_PAGE = 10_000  # deeper than anyone pages; keeps the OFFSET a database answers quickly


# --- Lookups -------------------------------------------------------------------------------------


def _public(slug: str) -> Jurisdiction:
    return tenancy.public_jurisdiction(slug)


def _report(jurisdiction: Jurisdiction, public_id: str) -> Report:
    report = services.get_report(jurisdiction, public_id)
    report.jurisdiction = jurisdiction  # the tenant already in hand, not read again
    return report


def _original(jurisdiction: Jurisdiction, report: Report) -> Report | None:
    """The report a duplicate was merged into (always of the same city; read through tenancy)."""
    if report.duplicate_of_id is None:
        return None
    try:
        return tenancy.report_of(jurisdiction, pk=report.duplicate_of_id)
    except NotFound:
        return None


def staff_only(view: View) -> View:
    """Logged-in staff of the city in the URL; anyone else is refused (403), anonymous
    visitors are sent to log in."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        jurisdiction = tenancy.staff_jurisdiction(request.user, slug)
        return view(request, jurisdiction, *args, **kwargs)

    return wrapped


def _client(request: HttpRequest) -> str:
    # The client's address as login throttling reads it (CLIENT_IP_HEADER behind a proxy), so
    # citizens behind one proxy do not share one limit.
    return client_address(request) or "unknown"


def _rate_limited(
    request: HttpRequest, jurisdiction: Jurisdiction, exc: DomainError
) -> HttpResponse:
    response = render(
        request,
        "participation/rate_limited.html",
        {"jurisdiction": jurisdiction, "message": exc.message, "is_staff": False},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


@dataclass
class Page:
    """One page of rows, counted by fetching one row more: no COUNT(*) over a city's millions
    of reports."""

    rows: list[Any]
    number: int
    has_next: bool
    query: str

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _page(request: HttpRequest, rows: QuerySet[Report] | list[Any], size: int) -> Page:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    number = min(max(number, 1), MAX_PAGE)
    start = (number - 1) * size
    found = list(rows[start : start + size + 1])
    query = request.GET.copy()
    query.pop("page", None)
    return Page(found[:size], number, len(found) > size, query.urlencode())


def _grouped(offered: Sequence[Service]) -> list[tuple[str, list[Service]]]:
    groups: dict[str, list[Service]] = {}
    for service in offered:
        groups.setdefault(service.group or "Other", []).append(service)
    return list(groups.items())


# --- Citizens ------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The member cities that run the Civic Participation System."""
    cities = Jurisdiction.objects.filter(enabled=True).select_related("organisation")
    return render(request, "participation/index.html", {"jurisdictions": cities})


def home(request: HttpRequest, slug: str) -> HttpResponse:
    jurisdiction = _public(slug)
    return _home(request, jurisdiction, forms.LookupForm())


def _home(
    request: HttpRequest, jurisdiction: Jurisdiction, lookup: forms.LookupForm, status: int = 200
) -> HttpResponse:
    offered = list(services.service_types_of(jurisdiction))
    return render(
        request,
        "participation/home.html",
        {
            "jurisdiction": jurisdiction,
            "groups": _grouped(offered),
            "lookup": lookup,
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
        },
        status=status,
    )


def find(request: HttpRequest, slug: str) -> HttpResponse:
    """The tracking-id form on the home page (GET, so it works as a plain link too)."""
    jurisdiction = _public(slug)
    lookup = forms.LookupForm(request.GET)
    status = 400
    if lookup.is_valid():
        status = 404
        public_id = lookup.cleaned_data["tracking_id"]
        try:
            report = services.get_report(jurisdiction, public_id)
        except NotFound:
            lookup.add_error(
                "tracking_id",
                _(
                    "No report %(id)s in %(city)s. Check the id in your confirmation "
                    "(10 letters and digits)."
                )
                % {"id": public_id, "city": jurisdiction},
            )
        else:
            return redirect("cps_report", slug=jurisdiction.slug, public_id=report.public_id)
    return _home(request, jurisdiction, lookup, status=status)


def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    jurisdiction = _public(slug)
    offered = list(services.service_types_of(jurisdiction).prefetch_related("attributes"))
    if request.method == "POST" and request.POST.get("action") == "nearby":
        # "Look for the same problem nearby" without JavaScript: the form comes back as it
        # was typed (nothing is checked or saved), with the open reports near the point.
        form = forms.ReportForm(jurisdiction, offered, initial=request.POST.dict())
    elif request.method == "POST":
        try:
            throttle.check(f"web:{_client(request)}")
        except throttle.RateLimited as exc:
            return _rate_limited(request, jurisdiction, exc)
        form = forms.ReportForm(jurisdiction, offered, request.POST, request.FILES)
        if form.is_spam:
            # A bot filled the field people never see: it is told what a person is told,
            # and nothing is stored.
            messages.success(request, _("Thank you. Your report has been received."))
            return redirect("cps_home", slug=jurisdiction.slug)
        if form.is_valid():
            try:
                report = services.submit_report(jurisdiction, form.submission())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your report is registered with tracking id %(id)s. Keep it "
                        "to follow the report on this page."
                    )
                    % {"id": report.public_id},
                )
                return redirect("cps_report", slug=jurisdiction.slug, public_id=report.public_id)
    else:
        form = forms.ReportForm(
            jurisdiction,
            offered,
            initial={"service": request.GET.get("service", ""), **_contact_of(request.user)},
        )
    response = render(
        request,
        "participation/report_form.html",
        {
            "jurisdiction": jurisdiction,
            "form": form,
            "photos_dropped": bool(request.FILES),
            # A map picker needs a tile server the city chooses; without one the page offers
            # typed coordinates, an address and the browser's own location.
            **maps.context(),
            # What the map says of a pin outside the city: the server's own sentence.
            "outside_message": rules.outside_message(
                _bounds(jurisdiction), "{latitude}", "{longitude}"
            ),
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
            "prefilled": not form.is_bound and bool(_contact_of(request.user)),
            "nearby": _nearby(jurisdiction, request.POST if request.method == "POST" else {}),
        },
        status=400 if form.errors else 200,
    )
    return maps.allow_tiles(response)


def _bounds(jurisdiction: Jurisdiction) -> rules.Bounds:
    return rules.Bounds(
        jurisdiction.min_latitude,
        jurisdiction.max_latitude,
        jurisdiction.min_longitude,
        jurisdiction.max_longitude,
    )


def _nearby(jurisdiction: Jurisdiction, data: Any) -> list[_Distant] | None:
    """The open reports of the chosen service near the typed point; None until a service
    and a point in the city are given."""
    code = data.get("service", "")
    try:
        latitude = Decimal(data.get("latitude", "").strip())
        longitude = Decimal(data.get("longitude", "").strip())
    except (ArithmeticError, ValueError):
        return None
    bounds = _bounds(jurisdiction)
    if not (code and latitude.is_finite() and longitude.is_finite()) or "\x00" in code:
        return None  # PostgreSQL cannot compare text holding NUL
    if rules.location_problem(bounds, latitude, longitude, ""):
        return None
    found = services.open_reports_nearby(jurisdiction, code, latitude, longitude)
    return [_Distant(report, round(metres)) for report, metres in found]


def report_nearby(request: HttpRequest, slug: str) -> HttpResponse:
    """The likely duplicates for the report form, as it is being filled (htmx)."""
    jurisdiction = _public(slug)
    return render(
        request,
        "participation/_nearby.html",
        {"jurisdiction": jurisdiction, "nearby": _nearby(jurisdiction, request.GET)},
    )


@require_POST
def report_support(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """ "This is my problem too": the citizen follows an open report instead of filing a new
    one (the report form's button posts here with its e-mail field)."""
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    try:
        throttle.check(f"web-follow:{_client(request)}")
    except throttle.RateLimited as exc:
        return _rate_limited(request, jurisdiction, exc)
    form = forms.SupportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address, or none."))
        return _tracking_page(request, jurisdiction, report, status=400)
    if not request.session.session_key:
        request.session.save()
    try:
        _supporter, counted = services.support(
            report, email=form.email_to_follow(), session_key=request.session.session_key or ""
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _tracking_page(request, jurisdiction, report, status=400)
    if not counted:
        messages.info(request, _("You had already said this is your problem too."))
    elif form.email_to_follow():
        messages.success(
            request,
            _(
                "Thank you: this report now counts you too, and %(email)s will get an e-mail "
                "at each public change."
            )
            % {"email": form.email_to_follow()},
        )
    else:
        messages.success(request, _("Thank you: this report now counts you too."))
    return redirect(_tracking_url(report))


def _contact_of(user: Any) -> dict[str, str]:
    """A logged-in person's name and e-mail, to fill in the report form (they may change
    them, or stay anonymous); nothing for a visitor."""
    if not getattr(user, "is_authenticated", False):
        return {}
    found = {"name": user.get_full_name().strip(), "email": user.email.strip()}
    return {field: value for field, value in found.items() if value}


def report_detail(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    jurisdiction = _public(slug)
    return _tracking_page(request, jurisdiction, _report(jurisdiction, public_id))


def _tracking_page(
    request: HttpRequest,
    jurisdiction: Jurisdiction,
    report: Report,
    *,
    comment_form: forms.CommentForm | None = None,
    follow_form: forms.FollowForm | None = None,
    token: str = "",
    not_fixed_form: forms.NotFixedForm | None = None,
    rating_form: forms.RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # Comments are listed on their own (a hidden one is not shown), so the history keeps
    # the status changes and merges.
    history = services.public_history(report).exclude(verb="commented")
    return render(
        request,
        "participation/report.html",
        {
            "jurisdiction": jurisdiction,
            "report": services.for_public(report),
            "history": history,
            "photos": [] if report.hidden else list(report.photos.all()),
            "comments": report.comments.filter(hidden=False),
            "original": _original(jurisdiction, report),
            "comment_form": comment_form or forms.CommentForm(),
            "follow_form": follow_form
            or forms.FollowForm(initial={"email": _contact_of(request.user).get("email", "")}),
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
            "supporters": services.supporters_of(report),
            "reporter": _loop(request, report, token, not_fixed_form, rating_form),
        },
        status=status,
    )


@dataclass(frozen=True)
class _Loop:
    """What the reporter, and only they, see on their report's page once it is closed."""

    window: rules.Reopening
    rating: Any
    token: str
    not_fixed_form: forms.NotFixedForm
    rating_form: forms.RatingForm


def _loop(
    request: HttpRequest,
    report: Report,
    token: str,
    not_fixed_form: forms.NotFixedForm | None,
    rating_form: forms.RatingForm | None,
) -> _Loop | None:
    if not services.is_reporter(report, actor=request.user, token=token):
        return None
    return _Loop(
        services.reopen_window(report, timezone.now()),
        services.rating_of(report),
        token,
        not_fixed_form or forms.NotFixedForm(initial={"token": token}, auto_id="not-fixed-%s"),
        rating_form or forms.RatingForm(initial={"token": token}, auto_id="rating-%s"),
    )


def report_track(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The reporter's own page of a report, reached by its secret token (the link of their
    e-mails): the tracking page, and once the report is closed "not fixed" and the rating."""
    jurisdiction = _public(slug)
    report = services.report_by_token(jurisdiction, token)
    report.jurisdiction = jurisdiction
    return _private(_tracking_page(request, jurisdiction, report, token=token))


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the report's secret: never sent to another site as a referrer (the
    # same site only: "no-referrer" would make its own forms post from origin "null", which
    # the CSRF check refuses), never cached.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _back_to_reporter(report: Report, token: str) -> HttpResponse:
    if token:
        return redirect("cps_track", slug=report.jurisdiction.slug, token=report.token)
    return redirect(_tracking_url(report, "fixed"))


@require_POST
def report_not_fixed(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """The reporter says their closed report is not fixed: it reopens, with their reason."""
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    token = request.POST.get("token", "")[:64]
    if not services.is_reporter(report, actor=request.user, token=token):
        raise PermissionDenied(
            _("Only the person who filed report %(id)s may do this.") % {"id": report.public_id}
        )
    form = forms.NotFixedForm(request.POST, auto_id="not-fixed-%s")
    status = 400
    if form.is_valid():
        try:
            services.reopen_by_citizen(
                report, form.cleaned_data["reason"], actor=request.user, token=token
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status_code
        else:
            messages.success(
                request,
                _(
                    "Report %(id)s is open again. The city's staff see your reason; you will "
                    "hear of each step as before."
                )
                % {"id": report.public_id},
            )
            return _private(_back_to_reporter(report, token))
    response = _tracking_page(
        request, jurisdiction, report, token=token, not_fixed_form=form, status=status
    )
    return _private(response)


@require_POST
def report_rate(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """The reporter rates the city's response to their closed report, once."""
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    token = request.POST.get("token", "")[:64]
    if not services.is_reporter(report, actor=request.user, token=token):
        raise PermissionDenied(
            _("Only the person who filed report %(id)s may do this.") % {"id": report.public_id}
        )
    form = forms.RatingForm(request.POST, auto_id="rating-%s")
    status = 400
    if form.is_valid():
        try:
            services.rate_response(
                report,
                form.cleaned_data["stars"],
                form.cleaned_data["comment"],
                actor=request.user,
                token=token,
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status_code
        else:
            messages.success(request, _("Thank you for rating the city's response."))
            return _private(_back_to_reporter(report, token))
    response = _tracking_page(
        request, jurisdiction, report, token=token, rating_form=form, status=status
    )
    return _private(response)


@dataclass(frozen=True)
class _Mine:
    report: Report
    window: rules.Reopening
    rated: bool


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """The reports the signed-in person filed, in every city, newest first, with what each
    still lets them do ("not fixed", a rating)."""
    page = _page(request, services.my_reports(request.user), PUBLIC_PAGE_SIZE)
    now = timezone.now()
    rated = services.rated_among([report.pk for report in page.rows])
    page.rows = [
        _Mine(report, services.reopen_window(report, now), report.pk in rated)
        for report in page.rows
    ]
    return render(request, "participation/my_reports.html", {"page": page})


def citizens_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """The city's CPS administrator sets how long reporters may say "not fixed"."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    jurisdiction = tenancy.admin_jurisdiction(request.user, slug)
    form = forms.CitizensSetupForm(
        request.POST if request.method == "POST" else None,
        initial={"reopen_days": jurisdiction.reopen_days},
    )
    if form.is_valid():
        try:
            services.set_reopen_days(request.user, jurisdiction, form.cleaned_data["reopen_days"])
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("cps_setup_citizens", slug=jurisdiction.slug)
    return render(
        request,
        "participation/setup_citizens.html",
        {"jurisdiction": jurisdiction, "form": form, "is_staff": True},
        status=400 if form.errors else 200,
    )


def _tracking_url(report: Report, anchor: str = "") -> str:
    url = reverse("cps_report", args=[report.jurisdiction.slug, report.public_id])
    return f"{url}#{anchor}" if anchor else url


@require_POST
def report_comment(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    try:
        throttle.check(f"web-comment:{_client(request)}")
    except throttle.RateLimited as exc:
        return _rate_limited(request, jurisdiction, exc)
    form = forms.CommentForm(request.POST)
    if form.is_spam:
        messages.success(request, _("Thank you for your comment."))
        return redirect(_tracking_url(report))
    if form.is_valid():
        try:
            services.add_comment(
                report,
                form.cleaned_data["body"],
                author_name=form.cleaned_data["author_name"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you for your comment."))
            return redirect(_tracking_url(report, "comments"))
    return _tracking_page(request, jurisdiction, report, comment_form=form, status=400)


@require_POST
def report_follow(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    try:
        throttle.check(f"web-follow:{_client(request)}")
    except throttle.RateLimited as exc:
        return _rate_limited(request, jurisdiction, exc)
    form = forms.FollowForm(request.POST)
    if form.is_valid():
        try:
            follower = services.follow(report, form.cleaned_data["email"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(email)s will get an e-mail at each public change.")
                % {"email": follower.email},
            )
            return redirect(_tracking_url(report))
    return _tracking_page(request, jurisdiction, report, follow_form=form, status=400)


def report_photo(
    request: HttpRequest, slug: str, public_id: str, photo_id: int
) -> HttpResponseBase:
    """A report's photo, streamed through the tenancy check (media files are not served
    from a public folder): a photo of a moderated report is for the city's staff only."""
    jurisdiction = _public(slug)
    report = _report(jurisdiction, public_id)
    if report.hidden and not tenancy.is_staff_of(request.user, jurisdiction):
        raise Http404("This report's photos are hidden.")
    photo = report.photos.filter(pk=photo_id).first() if photo_id <= MAX_DB_ID else None
    if photo is None:
        raise Http404(f"No photo {photo_id} of report {report.public_id}.")
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404("The photo file is missing.") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _public_rows(
    request: HttpRequest, jurisdiction: Jurisdiction
) -> tuple[forms.PublicListForm, QuerySet[Report], rules.Near | None]:
    """The public list's filters and the reports they select (the list and its map)."""
    offered = list(services.service_types_of(jurisdiction))
    statuses = list(jurisdiction.statuses.all())
    form = forms.PublicListForm(offered, statuses, request.GET or None)
    rows = tenancy.reports_of(jurisdiction).select_related("service", "status")
    near = None
    if form.is_valid():
        rows = _by_service_and_status(rows, form.cleaned_data, offered, statuses)
        near = form.cleaned_data["near"]
    elif form.errors:
        rows = rows.none()  # a half-given point or a radius out of bounds: said, not guessed
    return form, rows, near


def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Recent reports, as anyone may see them: no name, e-mail or phone."""
    jurisdiction = _public(slug)
    form, rows, near = _public_rows(request, jurisdiction)
    page: Page
    if near is not None:
        # Nearest first, each with its distance (the list is capped: rules.NEAR_LIMIT).
        found = services.reports_near(rows, near)
        page = _page(request, [_Distant(r, round(m)) for r, m in found], PUBLIC_PAGE_SIZE)
    else:
        page = _page(request, rows, PUBLIC_PAGE_SIZE)
        page.rows = [_Distant(services.for_public(report), None) for report in page.rows]
    context = {
        "jurisdiction": jurisdiction,
        "form": form,
        "page": page,
        "near": near,
        "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
        "map_data_url": reverse("cps_reports_map", args=[jurisdiction.slug]),
        **maps.context(),
    }
    if request.headers.get("HX-Request") == "true":
        # htmx swaps only a 2xx answer: the error is shown in the results it replaces.
        return render(request, "participation/_reports_results.html", context)
    status = 400 if form.errors else 200
    return maps.allow_tiles(render(request, "participation/reports.html", context, status=status))


def _detail(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def _form_problem(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def report_map(request: HttpRequest, slug: str) -> JsonResponse:
    """The public list's reports as GeoJSON for its map: the same filters (the page number
    aside), the newest `services.MAP_LIMIT` placed reports (nearest first when near a
    point), what the list shows of them and no more: no moderated report, no personal data."""
    try:
        jurisdiction = _public(slug)
    except NotFound as exc:
        return _detail(exc.message, 404)
    form, rows, near = _public_rows(request, jurisdiction)
    if form.errors:
        return _detail(_form_problem(form), 400)
    found: QuerySet[Report] | list[Report] = rows
    if near is not None:
        found = [report for report, _metres in services.reports_near(rows, near)]
    points, more = services.map_points(found, public=True)
    return JsonResponse(
        maps.feature_collection(
            points,
            more,
            services.MAP_LIMIT,
            lambda p: reverse("cps_report", args=[jurisdiction.slug, p.public_id]),
        )
    )


@dataclass(frozen=True)
class _Distant:
    """A report of the public list, with how far it is from the point asked about."""

    report: Report
    metres: int | None


def _by_service_and_status(
    rows: QuerySet[Report],
    data: dict[str, Any],
    offered: Sequence[Service],
    statuses: Sequence[Status],
) -> QuerySet[Report]:
    # Filter on the ids the page already holds, so each filter is one indexed column.
    service = next((s for s in offered if s.code == data.get("service")), None)
    if service is not None:
        rows = rows.filter(service=service)
    status = next((s for s in statuses if s.code == data.get("status")), None)
    if status is not None:
        rows = rows.filter(status=status)
    return rows


# The staff's pages live in views_staff (they use the lookups above); named here as before.
from intercity.participation.views_staff import api_keys as api_keys  # noqa: E402
from intercity.participation.views_staff import queue as queue  # noqa: E402
from intercity.participation.views_staff import queue_map as queue_map  # noqa: E402
from intercity.participation.views_staff import staff_assign as staff_assign  # noqa: E402
from intercity.participation.views_staff import staff_merge as staff_merge  # noqa: E402
from intercity.participation.views_staff import staff_moderate as staff_moderate  # noqa: E402
from intercity.participation.views_staff import staff_report as staff_report  # noqa: E402
from intercity.participation.views_staff import staff_status as staff_status  # noqa: E402
