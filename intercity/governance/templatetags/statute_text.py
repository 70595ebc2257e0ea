"""Links from a ruling's article reference to the articles on the statute page.

`{% ruling_articles decision statute %}` prints, for a decision whose ruling cites articles
("Art. 13.6(b) with Art. 16.1"), a "Articles applied" line of the decision's facts in which
each article number links to that text's page at the article (`#art-13`), or at the
paragraph when the text holds it (`#art-13-6`). An article the text does not list stays plain
words.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from intercity.governance.articles import article_refs

register = template.Library()


def cited_article(decision: Any, statute: Any) -> str:
    """The article words a decision's ruling cites: the rule it stored, or for a record
    without arithmetic (the seeded decisions) the rule of the text it is judged by."""
    stored = (decision.rule_applied or {}).get("article")
    if stored:
        return str(stored)
    if statute is None or not decision.rule:
        return ""
    rule = (statute.rules or {}).get(decision.rule, {}).get(decision.body.slug, {})
    return str(rule.get("article", ""))


@register.filter
def statute_links(reference: str, statute: Any) -> SafeString:
    """The reference with each article it cites linked to `statute`'s page at the article."""
    reference = str(reference or "")
    if statute is None:
        return conditional_escape(reference)
    listed = {
        number: {str(p.get("n", "")) for p in paragraphs}
        for number, paragraphs in statute.articles.values_list("number", "paragraphs")
    }
    page = reverse(
        "governance_statute_text",
        args=[statute.network.slug, statute.effective_from.isoformat()],
    )
    out: list[str] = []
    at = 0
    for ref in article_refs(reference):
        out.append(conditional_escape(reference[at : ref.start]))
        words = reference[ref.start : ref.end]
        if ref.article in listed:
            # At the paragraph when the text holds it (`#art-13-6`), else at the article.
            anchor = ref.anchor
            if ref.paragraph and ref.paragraph in listed[ref.article]:
                anchor = f"{anchor}-{ref.paragraph}"
            out.append(
                format_html('<a href="{}#{}" class="article-link">{}</a>', page, anchor, words)
            )
        else:
            out.append(conditional_escape(words))
        at = ref.end
    out.append(conditional_escape(reference[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped above


@register.simple_tag
def ruling_articles(decision: Any, statute: Any) -> SafeString:
    """`<dt>Articles applied</dt><dd>…links…</dd>`, or nothing when the ruling cites none."""
    reference = cited_article(decision, statute)
    if not reference or not article_refs(reference):
        return mark_safe("")
    return format_html(
        "<dt>{}</dt><dd>{}</dd>", _("Articles applied"), statute_links(reference, statute)
    )
