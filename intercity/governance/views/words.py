"""The statute's rule in words (the engine's own comparisons, no thresholds here)."""

from __future__ import annotations

from typing import Any

from intercity.governance import rules

BASE_NAMES = {
    rules.Base.TOTAL: "of all members",
    rules.Base.PRESENT: "of the members present",
    rules.Base.CAST: "of the votes cast",
}
TIE_WORDS = {
    rules.TiePolicy.REJECTED: "a tie is rejected",
    rules.TiePolicy.CASTING_VOTE: "a tie is broken by the Secretary General's casting vote",
    rules.TiePolicy.THRESHOLDS: "a tie is decided by the thresholds alone",
}


def rule_words(rule: rules.DecisionRule) -> str:
    parts = []
    if rule.attendance is not None:
        parts.append(f"quorum when {_words(rule.attendance)} attend")
    parts.append(f"adopted when yes votes are {_words(rule.concurrence)}")
    parts.append(TIE_WORDS[rule.tie_policy])
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]} ({rule.article})."


def _words(threshold: rules.Threshold) -> str:
    return f"{threshold.words().strip()} {BASE_NAMES[threshold.base]}"


def stored_rule_words(rule_applied: dict[str, Any]) -> str:
    """The rule a decided motion was judged by, from what the decision stored."""
    if not rule_applied:
        return ""
    if "concurrence" not in rule_applied:
        method = rule_applied.get("method", "")
        article = rule_applied.get("article", "")
        if method == "plurality":
            return f"Most votes wins ({article})." if article else "Most votes wins."
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
