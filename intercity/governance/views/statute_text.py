"""The statute itself: a network's texts by version, one text with its articles, and two
texts compared side by side (`services.statute_text`)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from intercity.core.errors import DomainError
from intercity.governance.formats import statute_name
from intercity.governance.models import StatuteArticle, StatuteVersion
from intercity.governance.services import statute_text
from intercity.network import services as registry
from intercity.network.models import MembershipCategory, Network


class CompareForm(forms.Form):
    """Two texts of one network's statute, named by the day each took effect."""

    a = forms.ChoiceField(label=_("Compare the text of"))
    b = forms.ChoiceField(label=_("with the text of"))

    def __init__(self, choices: list[tuple[str, str]], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("a", "b"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of this network's statute texts: choose one in the list."
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different texts to compare."))
        return data


def _choices(versions: list[StatuteVersion]) -> list[tuple[str, str]]:
    """Each text by its name, with its date when the name does not say it."""
    return [
        (
            v.effective_from.isoformat(),
            statute_name(v.name)
            if v.effective_from.isoformat() in v.name
            else f"{statute_name(v.name)} ({v.effective_from.isoformat()})",
        )
        for v in versions
    ]


def _counts(comparison: statute_text.Comparison) -> str:
    """ "13 changed, 9 not comparable": only the kinds that occur."""
    kinds = [
        (comparison.changed_count, _("%(n)s changed")),
        (comparison.added_count, _("%(n)s added")),
        (comparison.removed_count, _("%(n)s removed")),
        (comparison.unchanged_count, _("%(n)s unchanged")),
        (comparison.unknown_count, _("%(n)s not comparable (a text not in the sources)")),
    ]
    return ", ".join(str(words) % {"n": n} for n, words in kinds if n)


def _summary(network: Network, versions: list[StatuteVersion]) -> list[dict[str, object]]:
    """Each text with how much of it the sources hold."""
    counts: dict[int, dict[str, int]] = {v.pk: {} for v in versions}
    for version_id, status in StatuteArticle.objects.filter(version__network=network).values_list(
        "version_id", "status"
    ):
        counts[version_id][status] = counts[version_id].get(status, 0) + 1
    return [{"version": v, "counts": counts[v.pk]} for v in versions]


def _compare_form(versions: list[StatuteVersion]) -> CompareForm:
    choices = _choices(versions)
    initial = {"a": choices[-2][0], "b": choices[-1][0]} if len(choices) > 1 else {}
    return CompareForm(choices, initial=initial)


def _framework(network: Network) -> list[MembershipCategory]:
    """For a network with no statute: the rules its founding document does set, as the
    registry records them (its membership categories, each with its source)."""
    found = (registry.find_category(network, s) for s in registry.category_slugs(network))
    return [category for category in found if category is not None]


def statute(request: HttpRequest, slug: str, day: str | None = None) -> HttpResponse:
    """The statute page: the texts by version, and one text (the latest unless `day` names
    another) with a table of contents and each article linkable (`#art-16`)."""
    network = registry.get_network(slug)
    versions = statute_text.versions(network)
    shown: StatuteVersion | None = (
        statute_text.get_version(network, day) if day else (versions[-1] if versions else None)
    )
    rows = statute_text.articles_of(shown) if shown else []
    return render(
        request,
        "governance/statute.html",
        {
            "network": network,
            "versions": _summary(network, versions),
            "shown": shown,
            "articles": rows,
            "whole": statute_text.is_whole(shown, rows) if shown else False,
            "form": _compare_form(versions) if len(versions) > 1 else None,
            "framework": [] if versions else _framework(network),
        },
    )


def statute_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two texts side by side, per article, the words that changed marked. Without a choice
    the two latest texts are compared; a bad choice is said on the form (400)."""
    network = registry.get_network(slug)
    versions = statute_text.versions(network)
    choices = _choices(versions)
    comparison = None
    error = ""
    if request.GET:
        form = CompareForm(choices, request.GET)
        if form.is_valid():
            try:
                comparison = statute_text.compare(
                    network, form.cleaned_data["a"], form.cleaned_data["b"]
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
    else:
        form = _compare_form(versions)
        if len(choices) > 1:
            comparison = statute_text.compare(network, choices[-2][0], choices[-1][0])
    if form.is_bound and form.errors:
        error = str(_("Please choose two of the texts below."))
    return render(
        request,
        "governance/statute_compare.html",
        {
            "network": network,
            "form": form,
            "comparison": comparison,
            "counts": _counts(comparison) if comparison else "",
            "error": error,
            "has_versions": len(versions) > 1,
        },
        status=400 if error else 200,
    )
