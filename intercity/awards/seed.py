"""Load the awards of the seeds: the 3rd WeGO Smart Sustainable City Awards (2017, seed 002)
as a finished, published edition, from `seed_data/wego_awards_2017.yaml`.

What the seed gives is what is recorded: the procedure's numbers, the six categories, the
panel with its head, the 18 placements and the two Special Achievement Awards. The seed gives
no criteria, applications, scores or votes, so none is made up (decision 0038): the
placements carry `votes` empty and a ruling that says where they come from.

Each winning city is looked up in the registry the network seed loaded (by name and country);
a city the registry does not know is added to it as an organisation citing seed 002, without a
membership (the seed says it competed, not that it is a member).

Translations: `seed_data/translations/<lang>/wego_awards_2017.yaml` holds the edition's title
and the categories' names by code; a copy naming a code the English file does not have, or
leaving one out, is refused. They fill the translation columns that are still empty, so a
translation the Secretariat corrected in the admin stays.

Idempotent: an edition, category, judge or placement that exists is left as it is; a second
load creates nothing. Demonstration data comes from the `demo_awards` command, not from here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import to_locale

from intercity.awards.models import Category, Edition, Judge, Placement
from intercity.core import seed_files
from intercity.network.models import Network, Organisation

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
TRANSLATIONS_DIR = SEED_DIR / "translations"
EDITION_FILE = "wego_awards_2017.yaml"

# The places as the ruling names them (in English: a ruling is the record's own words).
PLACE_WORDS = {
    Placement.Place.GOLD: "Gold",
    Placement.Place.SILVER: "Silver",
    Placement.Place.SPECIAL_MENTION: "Special Mention",
    Placement.Place.SPECIAL_ACHIEVEMENT: "WeGO Special Achievement Award",
}
NO_NUMBERS = "The seed gives no scores or votes for this edition."


class SeedProblem(ValueError):
    """A seed file that cannot be loaded as it is: say which file and what."""


def read(name: str = EDITION_FILE) -> dict[str, Any]:
    data = seed_files.read(SEED_DIR / name)
    if not isinstance(data, dict):
        raise SeedProblem(f"{name} must hold a mapping.")
    return data


def languages() -> list[tuple[str, str]]:
    """(folder, column suffix) of each language other than English: ("zh_Hans", "zh_hans")."""
    return [
        (to_locale(code), code.replace("-", "_"))
        for code, _ in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def translations(
    english: dict[str, Any], name: str = EDITION_FILE, folder: Path | None = None
) -> dict[str, dict[str, Any]]:
    """{column suffix: {"title": ..., "categories": {code: name}}} of each copy present, each
    checked against the English file's category codes."""
    codes = {row["code"] for row in english["categories"]}
    found = {}
    for locale, suffix in languages():
        path = (folder or TRANSLATIONS_DIR) / locale / name
        if not path.exists():
            continue
        copy = seed_files.read(path) or {}
        title = (copy.get("edition") or {}).get("title")
        names = copy.get("categories") or {}
        if not isinstance(title, str) or not title.strip():
            raise SeedProblem(f"{path}: edition.title is missing or empty.")
        if set(names) != codes:
            raise SeedProblem(
                f"{path}: categories {sorted(names)} differ from the English file's "
                f"{sorted(codes)}."
            )
        empty = sorted(code for code, text in names.items() if not str(text or "").strip())
        if empty:
            raise SeedProblem(f"{path}: no name for {', '.join(empty)}.")
        found[suffix] = {"title": title.strip(), "categories": names}
    return found


def category_names(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """{code: {"name": English, "name_en": English, "name_ko": Korean, ...}} of the six
    categories of 2017 (the demonstration edition reuses them)."""
    english = read()
    copies = translations(english, folder=folder)
    return {
        row["code"]: _words(
            "name", row["name"], {s: c["categories"][row["code"]] for s, c in copies.items()}
        )
        for row in english["categories"]
    }


def _words(field: str, english: str, other: dict[str, str]) -> dict[str, str]:
    return {field: english, f"{field}_en": english} | {
        f"{field}_{suffix}": text for suffix, text in other.items()
    }


def _fill_empty(row: Any, words: dict[str, str], created: Counter[str]) -> None:
    """Write the translations whose column is still empty (an existing row's English stays)."""
    changes = {
        column: text
        for column, text in words.items()
        if any(column.endswith(f"_{suffix}") for _, suffix in languages())
        and not getattr(row, column)
    }
    if changes:
        type(row).objects.filter(pk=row.pk).update(**changes)
        created["translation"] += len(changes)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def load(folder: Path | None = None) -> Counter[str]:
    """Load the 2017 edition; `folder` holds the translated copies (tests use their own)."""
    created: Counter[str] = Counter()
    data = read()
    copies = translations(data, folder=folder)
    with transaction.atomic():
        edition = _edition(data, copies, created)
        categories = _categories(edition, data, copies, created)
        _judges(edition, data, created)
        _placements(edition, categories, data, created)
    return created


def _edition(data: dict[str, Any], copies: dict[str, Any], created: Counter[str]) -> Edition:
    head = data["edition"]
    network = Network.objects.get(slug=head["network"])
    words = _words("title", head["title"], {s: c["title"] for s, c in copies.items()})
    edition, made = Edition.objects.get_or_create(
        network=network,
        year=head["year"],
        defaults={
            **words,
            "number": head["number"],
            "stage": head["stage"],
            "ceremony_on": _date(head.get("ceremony_on")),
            "score_min": head["score_min"],
            "score_max": head["score_max"],
            "finalists": head["finalists"],
            "votes_per_judge": head["votes_per_judge"],
            "special_mentions": head["special_mentions"],
            "source": head["source"],
        },
    )
    created["edition"] += made
    if not made:
        _fill_empty(edition, words, created)
    return edition


def _categories(
    edition: Edition, data: dict[str, Any], copies: dict[str, Any], created: Counter[str]
) -> dict[str, Category]:
    found = {}
    for position, row in enumerate(data["categories"]):
        words = _words(
            "name", row["name"], {s: c["categories"][row["code"]] for s, c in copies.items()}
        )
        category, made = Category.objects.get_or_create(
            edition=edition, code=row["code"], defaults={**words, "position": position}
        )
        created["category"] += made
        if not made:
            _fill_empty(category, words, created)
        found[category.code] = category
    return found


def _judges(edition: Edition, data: dict[str, Any], created: Counter[str]) -> None:
    for row in data["judges"]:
        head = bool(row.get("head"))
        source = data["judges_source"] + (f"; {row['head_source']}" if head else "")
        _, made = Judge.objects.get_or_create(
            edition=edition,
            name=row["name"],
            defaults={
                "country": row.get("country", ""),
                "affiliation": row.get("affiliation", ""),
                "is_head": head,
                "source": source[:300],
            },
        )
        created["judge"] += made


def _placements(
    edition: Edition,
    categories: dict[str, Category],
    data: dict[str, Any],
    created: Counter[str],
) -> None:
    countries: dict[str, str] = data["countries"]
    if set(data["placements"]) != set(categories):
        raise SeedProblem(f"{EDITION_FILE}: placements are not given for exactly the categories.")
    source = data["placements_source"]
    english = {row["code"]: row["name"] for row in data["categories"]}
    for code, rows in data["placements"].items():
        category = categories[code]
        for row in rows:
            place = Placement.Place(row["place"])
            what = f"{PLACE_WORDS[place]}, {english[code]}"
            organisation = _city(row, countries, f"{source} ({what})", created)
            _placement(
                edition,
                category,
                place,
                organisation,
                project=row["project"],
                ruling=f"Recorded from seed 002: {what}. {NO_NUMBERS}",
                source=source,
                created=created,
            )
    source = data["special_achievement_source"]
    place = Placement.Place.SPECIAL_ACHIEVEMENT
    for row in data["special_achievement"]:
        organisation = _city(row, countries, f"{source} ({PLACE_WORDS[place]})", created)
        _placement(
            edition,
            None,
            place,
            organisation,
            project="",
            ruling=(
                f"Recorded from seed 002: {PLACE_WORDS[place]}, presented at the Awarding "
                "Ceremony 'for making extraordinary contributions to WeGO and its members and "
                "for taking good strides in developing smart and sustainable city projects to "
                f"benefit their citizens'. {NO_NUMBERS}"
            ),
            source=source,
            created=created,
        )


def _placement(
    edition: Edition,
    category: Category | None,
    place: str,
    organisation: Organisation,
    *,
    project: str,
    ruling: str,
    source: str,
    created: Counter[str],
) -> None:
    _, made = Placement.objects.get_or_create(
        edition=edition,
        category=category,
        place=place,
        organisation=organisation,
        defaults={"project": project, "ruling": ruling, "source": source[:300], "votes": None},
    )
    created["placement"] += made


def _city(
    row: dict[str, Any], countries: dict[str, str], source: str, created: Counter[str]
) -> Organisation:
    """The registry's organisation for a city as the seed names it, or a new one if the
    registry has none (a city organisation citing seed 002, no membership)."""
    name = row.get("registry_name") or row["city"]
    country = row.get("country", "")
    if country and country not in countries:
        raise SeedProblem(f"{EDITION_FILE}: no country code for '{country}' (see `countries`).")
    code = countries.get(country, "")
    matches = Organisation.objects.filter(name=name)
    if code:
        matches = matches.filter(country=code)
    found = list(matches[:2])
    if len(found) > 1:
        raise SeedProblem(f"{EDITION_FILE}: the registry has more than one '{name}' ({code}).")
    if found:
        return found[0]
    if not code:
        raise SeedProblem(f"{EDITION_FILE}: '{name}' is not in the registry and has no country.")
    base = slugify(row["city"])[:70] or "city"
    key, n = base, 1
    while Organisation.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    organisation = Organisation.objects.create(
        key=key,
        name=row["city"],
        kind=Organisation.Kind.CITY,
        country=code,
        source=source[:300],
    )
    created["organisation"] += 1
    return organisation
