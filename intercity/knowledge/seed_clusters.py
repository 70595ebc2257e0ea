"""The thematic clusters of seed 002 with their lead cities, from `seed_data/clusters.yaml`.

The ten clusters WeGO "tentatively announced" at the World Mayors Roundtable of the 4th
General Assembly (2017-06-29) are active; Smart Infrastructure, which Kabul suggested adding,
is proposed (proposed by Kabul). Seoul leads Living Labs for Open Innovation and Goyang Smart
Government from that day, as they "stated readiness to lead". Taipei's interest in the Living
Labs cluster is a line of that cluster's feed, not a membership: the registry has Taipei as a
non-member observer city, and interest is not joining. Each row cites its seed passage.

Translations: `seed_data/translations/<lang>/clusters.yaml` names every cluster by slug; a
copy that leaves one out or names an unknown one is refused. They fill the translation
columns still empty, so a translation the Secretariat corrected in the admin stays.

Idempotent: a cluster, membership or feed line that exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import to_locale

from intercity.core import seed_files
from intercity.knowledge.models import Cluster, ClusterActivity, ClusterMember
from intercity.network.models import Network, Organisation

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
TRANSLATIONS_DIR = SEED_DIR / "translations"
FILE = "clusters.yaml"


class SeedProblem(ValueError):
    """A seed file that cannot be loaded as it is: say which file and what."""


def languages() -> list[tuple[str, str]]:
    """(folder, column suffix) of each language other than English: ("zh_Hans", "zh_hans")."""
    return [
        (to_locale(code), code.replace("-", "_"))
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def read() -> dict[str, Any]:
    data = seed_files.read(SEED_DIR / FILE)
    if not isinstance(data, dict):
        raise SeedProblem(f"{FILE} must hold a mapping.")
    return data


def translations(
    slugs: set[Any], name: str, key: str, folder: Path | None = None
) -> dict[str, dict[Any, str]]:
    """{column suffix: {code: text}} of each translated copy of `name` present, each checked
    to name exactly `slugs` under `key`, none empty."""
    found = {}
    for locale, suffix in languages():
        path = (folder or TRANSLATIONS_DIR) / locale / name
        if not path.exists():
            continue
        names = (seed_files.read(path) or {}).get(key) or {}
        if {str(k) for k in names} != {str(s) for s in slugs}:
            raise SeedProblem(
                f"{path}: {key} {sorted(map(str, names))} differ from the English file's "
                f"{sorted(map(str, slugs))}."
            )
        empty = sorted(str(k) for k, text in names.items() if not str(text or "").strip())
        if empty:
            raise SeedProblem(f"{path}: no text for {', '.join(empty)}.")
        found[suffix] = {k: str(v).strip() for k, v in names.items()}
    return found


def fill_empty(row: Any, field: str, words: dict[str, str], created: Counter[str]) -> None:
    """Write the translations whose column is still empty ({suffix: text})."""
    changes = {
        f"{field}_{suffix}": text
        for suffix, text in words.items()
        if not getattr(row, f"{field}_{suffix}")
    }
    if changes:
        type(row).objects.filter(pk=row.pk).update(**changes)
        created["translation"] += len(changes)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _organisation(key: str) -> Organisation:
    found = Organisation.objects.filter(key=key).first()
    if found is None:
        raise SeedProblem(f"{FILE}: the registry has no organisation '{key}'.")
    return found


def load(folder: Path | None = None) -> Counter[str]:
    """Load the clusters; `folder` holds the translated copies (tests use their own)."""
    created: Counter[str] = Counter()
    data = read()
    network = Network.objects.filter(slug=data["network"]).first()
    if network is None:
        return created  # the registry without WeGO (a partial seed): nothing to attach to
    rows = data["clusters"]
    slugs = {row["slug"] for row in rows}
    copies = translations(slugs, FILE, "clusters", folder)
    announced = _date(data["announced_on"])
    found: dict[str, Cluster] = {}
    for position, row in enumerate(rows):
        words = {suffix: names[row["slug"]] for suffix, names in copies.items()}
        proposed_by = _organisation(row["proposed_by"]) if row.get("proposed_by") else None
        cluster, made = Cluster.objects.get_or_create(
            network=network,
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "name_en": row["name"],
                **{f"name_{suffix}": text for suffix, text in words.items()},
                "status": row.get("status", Cluster.Status.ACTIVE),
                # a proposal was not announced: only the ten are (Kabul's date is in its source)
                "announced_on": None if row.get("status") == "proposed" else announced,
                "proposed_by": proposed_by,
                "position": position,
                "source": " ".join(str(row.get("source") or data["announced_source"]).split())[
                    :300
                ],
            },
        )
        created["cluster"] += made
        if not made:
            fill_empty(cluster, "name", words, created)
        found[cluster.slug] = cluster
    for row in data.get("leads", []):
        _lead(found[row["cluster"]], row, created)
    for row in data.get("notes", []):
        _note(found[row["cluster"]], row, created)
    return created


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


def _lead(cluster: Cluster, row: dict[str, Any], created: Counter[str]) -> None:
    organisation = _organisation(row["organisation"])
    if ClusterMember.objects.filter(cluster=cluster, organisation=organisation).exists():
        return
    source = " ".join(str(row["source"]).split())[:300]
    member = ClusterMember.objects.create(
        cluster=cluster,
        organisation=organisation,
        role=ClusterMember.Role.LEAD,
        joined_on=_date(row["joined_on"]),
        source=source,
    )
    created["cluster lead"] += 1
    ClusterActivity.objects.create(
        cluster=cluster,
        at=_at(member.joined_on),
        kind=ClusterActivity.Kind.LEAD,
        member=member,
    )


def _note(cluster: Cluster, row: dict[str, Any], created: Counter[str]) -> None:
    text = " ".join(str(row["text"]).split())
    _, made = ClusterActivity.objects.get_or_create(
        cluster=cluster,
        kind=ClusterActivity.Kind.POST,
        text=text,
        defaults={"at": _at(_date(row["day"]))},
    )
    created["cluster note"] += made
