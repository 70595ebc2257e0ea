"""The annual report's rules, as pure functions (no ORM, no request).

- Who edits: the ASEAN Secretariat, and the login the Secretariat names as the year's Chair
  (the National Representative of the ASEAN Chair, seed 004 para. 8 and "Reporting
  Mechanism"). One rule, stated in `may_edit`.
- What may change: a draft's sections and title, and its figures (recompiled from the
  progress); a frozen report nothing at all (`edit_refusal`). Freezing needs figures
  (`freeze_refusal`). A year is one of the action plans' years, 2018-2025, the years the
  progress roll-up covers.
- The figures as the report keeps them: one row per network, state and city with the
  average completion, the action lines counted and reported, and the statuses counted
  (`figure_row`); percentages kept as decimal strings rounded to one place as the roll-up
  shows them, each row with the roll-up's explanation in words.
- The chart: each row's bar as an exact share of the full width (`bar_width`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

TITLE_LIMIT = 200
HEADING_LIMIT = 200
BODY_LIMIT = 20_000
FIRST_YEAR = 2018  # the action plans run 2018-2025 (seed 004, para. 5a)
LAST_YEAR = 2025  # the progress roll-up covers the plans' years only
SCHEMA = 1

# The sections a new report starts with: (key, English heading). The headings follow seed
# 004: the report is "of the ASCN's progress and key achievements", "based on the outcomes of
# this meeting", and goes to the Joint Consultative Meeting (JCM).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Progress and key achievements"),
    ("meeting", "Outcomes of the annual meeting"),
    ("cities", "The pilot cities' action plans"),
    ("next", "Next steps and recommendations to the JCM"),
)


def may_edit(*, is_secretariat: bool, is_chair: bool) -> bool:
    """The ASEAN Secretariat drafts (it "will assist with the drafting"); the year's Chair
    submits the report, so edits and freezes it too. No one else."""
    return is_secretariat or is_chair


def edit_refusal(state: str) -> str | None:
    if state == "frozen":
        return _(
            "This annual report is frozen: it was submitted as it stands, so it can no longer "
            "be edited or recompiled."
        )
    return None


def freeze_refusal(state: str, *, has_figures: bool) -> str | None:
    if state == "frozen":
        return _("This annual report is already frozen.")
    if not has_figures:
        return _("Compile the report's figures from the progress before freezing it.")
    return None


def year_refusal(year: int) -> str | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return _("An annual report's year is between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
    return None


def clean_text(value: str, limit: int, *, required: bool = False) -> str:
    """`value` without surrounding blanks and with plain newlines; refused (ValueError with a
    sentence) when empty and required (only the title is), or longer than `limit`."""
    text = (value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValueError(_("Give the report a title."))
    if len(text) > limit:
        raise ValueError(_("This text has at most %(limit)s characters.") % {"limit": limit})
    return text


def percent(value: Any) -> Decimal | None:
    """A completion rounded half up to one decimal place, as the roll-up shows it (None stays
    None: nothing counted)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)) if not isinstance(value, Fraction) else _from_fraction(value)
    except InvalidOperation:
        return None
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _from_fraction(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def figure_row(
    name: str,
    *,
    completion: Any,
    lines: int,
    reported: int,
    statuses: Mapping[str, int] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One row of the report's figures as JSON: the completion a decimal string (or None)."""
    found = percent(completion)
    row: dict[str, Any] = {
        "name": name,
        "percent": None if found is None else str(found),
        "lines": int(lines),
        "reported": int(reported),
        "statuses": {str(k): int(v) for k, v in sorted((statuses or {}).items())},
    }
    row.update(extra or {})
    return row


def bar_width(percent_text: str | None, full: int = 100) -> Fraction:
    """The bar of a completion as an exact share of `full` (0 when nothing was reported;
    never beyond `full`)."""
    if percent_text is None:
        return Fraction(0)
    share = Fraction(Decimal(percent_text)) / 100
    return max(Fraction(0), min(Fraction(1), share)) * full


@dataclass(frozen=True)
class Bar:
    name: str
    percent: str | None
    width: Fraction  # 0..100, of the chart's width

    @property
    def width_text(self) -> str:
        """The width for an SVG attribute: two decimal places."""
        return f"{float(self.width):.2f}"


def bars(rows: Iterable[Mapping[str, Any]]) -> list[Bar]:
    return [
        Bar(str(row["name"]), row.get("percent"), bar_width(row.get("percent"))) for row in rows
    ]


def summary_sentence(totals: Mapping[str, Any], *, network: str, year: int) -> str:
    """The figures in words: how far the network's action lines were on average, and how many
    of them reported for the year."""
    lines, reported = int(totals.get("lines", 0)), int(totals.get("reported", 0))
    if not lines:
        return _("In %(year)s %(network)s had no action lines to report on.") % {
            "year": year,
            "network": network,
        }
    if totals.get("percent") is None:
        return _(
            "In %(year)s none of the %(lines)s action lines of %(network)s reported progress."
        ) % {"year": year, "lines": lines, "network": network}
    return _(
        "In %(year)s the %(lines)s action lines of %(network)s stood at %(percent)s%% on "
        "average; %(reported)s of them reported progress for the year."
    ) % {
        "year": year,
        "lines": lines,
        "network": network,
        "percent": totals["percent"],
        "reported": reported,
    }
