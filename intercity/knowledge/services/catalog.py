"""Writing, reviewing and publishing the catalog's projects, and their images and documents.

(The catalog part of the module extends this file.)"""

from __future__ import annotations

from django.db.models import QuerySet

from intercity.knowledge import rules
from intercity.knowledge.models import Project


def published() -> QuerySet[Project]:
    """The projects everyone may see."""
    return Project.objects.filter(state=Project.State.PUBLISHED)


def refresh_search_text(project: Project) -> None:
    """Fold every text of a saved project into `search_text`, the column the search reads: its
    own texts, its partners, its city's name in every language and its themes' names in every
    language (a search for "madrid" or "마드리드" finds Madrid's projects). Call it after the
    project, its partners and its themes are saved; it saves the one column."""
    organisation = project.organisation
    names = [
        getattr(organisation, field.name)
        for field in organisation._meta.concrete_fields
        if field.name == "name" or field.name.startswith("name_")
    ]
    theme_names = [
        getattr(theme, field.name)
        for theme in project.themes.all()
        for field in theme._meta.concrete_fields
        if field.name == "name" or field.name.startswith("name_")
    ]
    project.search_text = rules.search_text(
        project.title,
        project.summary,
        project.background,
        project.main_features,
        project.technical_details,
        project.challenges,
        project.figures_and_impact,
        project.budget_and_financing,
        *(partner.name for partner in project.partners.all()),
        *names,
        *theme_names,
    )
    Project.objects.filter(pk=project.pk).update(search_text=project.search_text)
