"""Forms of the catalog's pages: plain fields the services check again (they hold the rules).

Partners and links are written one per line ("name | role", "label | https://..."), which a
phone's keyboard handles as well as a desktop's; the service checks each."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField, BoundedDecimalField
from intercity.knowledge.models import Cluster, Project, ProjectFile, Sdg


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _text(label: Any, help_text: Any = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProjectForm(forms.Form):
    """Every field of the unified format; `version` is the copy the person started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Title"), max_length=250)
    language = forms.ChoiceField(
        label=_("Language it is written in"), choices=settings.LANGUAGES, initial="en"
    )
    summary = _text(_("Summary"), _("Two or three sentences: what the project does."), rows=3)
    background = _text(_("Background"), _("Why the city started it: the problem, the context."))
    main_features = _text(_("Main features"), _("What it does, for whom."))
    technical_details = _text(_("Technical details"), _("Technologies, data, systems used."))
    challenges = _text(_("Challenges"), _("What was hard, and how the city dealt with it."))
    figures_and_impact = _text(_("Figures and impact"), _("Numbers that show the results."))
    budget_and_financing = _text(
        _("Budget and financing"), _("Amounts in their currency, phases, who paid."), rows=3
    )
    budget_usd = BoundedDecimalField(
        label=_("Budget in US dollars"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        help_text=_("One figure, for the search's budget filter; leave empty if unknown."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *Project.Status.choices]
    )
    started_on = BoundedDateField(label=_("Started on"), required=False, widget=DateInput())
    completed_on = BoundedDateField(label=_("Completed on"), required=False, widget=DateInput())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Cluster.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"style": "width: auto"}),
        help_text=_("The thematic clusters of the network the project belongs to."),
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=Sdg.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"style": "width: auto"}),
    )
    partners = _text(
        _("Partners"),
        _(
            "One per line: name | role (e.g. “Ecube Labs | waste bins with sensors”). A name "
            "that is an organisation of the registry is linked to it."
        ),
        rows=3,
    )
    links = _text(
        _("Links"),
        _("One per line: label | https://… (e.g. “Project website | https://example.org”)."),
        rows=3,
    )

    def __init__(self, project: Project, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Cluster.objects.filter(  # type: ignore[attr-defined]
            network_id=project.network_id
        ).exclude(status=Cluster.Status.CLOSED)

    @staticmethod
    def initial_for(project: Project) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(project, name)
            for name in (
                "version",
                "title",
                "language",
                "summary",
                "background",
                "main_features",
                "technical_details",
                "challenges",
                "figures_and_impact",
                "budget_and_financing",
                "budget_usd",
                "status",
                "started_on",
                "completed_on",
            )
        }
        initial["themes"] = list(project.themes.all())
        initial["sdgs"] = list(project.sdgs.all())
        initial["partners"] = "\n".join(
            f"{p.name} | {p.role}" if p.role else p.name for p in project.partners.all()
        )
        initial["links"] = "\n".join(f"{link.label} | {link.url}" for link in project.links.all())
        return initial

    def clean_partners(self) -> list[dict[str, Any]]:
        found = []
        for line in self.cleaned_data["partners"].splitlines():
            if not line.strip():
                continue
            name, _bar, role = line.partition("|")
            found.append({"name": name.strip(), "role": role.strip()})
        return found

    def clean_links(self) -> list[dict[str, str]]:
        found = []
        for line in self.cleaned_data["links"].splitlines():
            if not line.strip():
                continue
            label, bar, url = line.rpartition("|")
            if not bar:
                label, url = "", line
            found.append({"label": label.strip(), "url": url.strip()})
        return found

    def service_values(self) -> dict[str, Any]:
        """The cleaned values as `catalog.update_project` takes them."""
        data = dict(self.cleaned_data)
        data["themes"] = [c.pk for c in data["themes"]]
        data["sdgs"] = [s.number for s in data["sdgs"]]
        return data


class NewProjectForm(forms.Form):
    """The city (in a network) and the title: the rest is written on the edit page."""

    authorship = forms.ChoiceField(label=_("City"))
    title = forms.CharField(label=_("Title"), max_length=250)
    language = forms.ChoiceField(
        label=_("Language it is written in"), choices=settings.LANGUAGES, initial="en"
    )

    def __init__(self, choices: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authorship"].choices = choices  # type: ignore[attr-defined]


class FileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ProjectFile.Kind.choices,
        widget=forms.RadioSelect(attrs={"style": "width: auto"}),
        initial="image",
    )
    file = forms.FileField(label=_("File"))
    caption = forms.CharField(
        label=_("Caption"),
        max_length=300,
        required=False,
        help_text=_("Says what the image shows; read aloud to people who cannot see it."),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the city"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
