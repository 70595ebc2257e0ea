"""The statute's rule in words (the engine's own comparisons, no thresholds here)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.governance import rules

THRESHOLD_NAMES = {
    (rules.Comparison.AT_LEAST, rules.Base.TOTAL): gettext_lazy(
        "%(fraction)s or more of all members"
    ),
    (rules.Comparison.AT_LEAST, rules.Base.PRESENT): gettext_lazy(
        "%(fraction)s or more of the members present"
    ),
    (rules.Comparison.AT_LEAST, rules.Base.CAST): gettext_lazy(
        "%(fraction)s or more of the votes cast"
    ),
    (rules.Comparison.MORE_THAN, rules.Base.TOTAL): gettext_lazy(
        "more than %(fraction)s of all members"
    ),
    (rules.Comparison.MORE_THAN, rules.Base.PRESENT): gettext_lazy(
        "more than %(fraction)s of the members present"
    ),
    (rules.Comparison.MORE_THAN, rules.Base.CAST): gettext_lazy(
        "more than %(fraction)s of the votes cast"
    ),
}
TIE_WORDS = {
    rules.TiePolicy.REJECTED: gettext_lazy("a tie is rejected"),
    rules.TiePolicy.CASTING_VOTE: gettext_lazy(
        "a tie is broken by the Secretary General's casting vote"
    ),
    rules.TiePolicy.THRESHOLDS: gettext_lazy("a tie is decided by the thresholds alone"),
}


def rule_words(rule: rules.DecisionRule) -> str:
    parts = []
    if rule.attendance is not None:
        parts.append(_("quorum when %(threshold)s attend") % {"threshold": _words(rule.attendance)})
    parts.append(
        _("adopted when yes votes are %(threshold)s") % {"threshold": _words(rule.concurrence)}
    )
    parts.append(str(TIE_WORDS[rule.tie_policy]))
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]} ({rule.article})."


def _words(threshold: rules.Threshold) -> str:
    return str(THRESHOLD_NAMES[(threshold.comparison, threshold.base)]) % {
        "fraction": rules.fraction_words(threshold.fraction)
    }


def stored_rule_words(rule_applied: dict[str, Any]) -> str:
    """The rule a decided motion was judged by, from what the decision stored."""
    if not rule_applied:
        return ""
    if "concurrence" not in rule_applied:
        method = rule_applied.get("method", "")
        article = rule_applied.get("article", "")
        if method == "plurality":
            return (
                _("Most votes wins (%(article)s).") % {"article": article}
                if article
                else _("Most votes wins.")
            )
        return str(article)
    try:
        rule = rules.rule_from_data(
            str(rule_applied.get("statute_version", "")),
            str(rule_applied.get("decision", "")),
            rule_applied,
        )
    except (KeyError, ValueError):
        return str(rule_applied.get("article", ""))
    return rule_words(rule)
