"""Render the guidance's words: bold phrases, footnote references, paragraphs, search hits."""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from tipguide.core.models import FOOTNOTE_MARKER, bold_phrases

register = template.Library()

EXCERPT_RADIUS = 120


def _render(text: str, emphasis) -> str:
    html = escape(text)
    for phrase in bold_phrases(emphasis):
        escaped = escape(phrase)
        html = html.replace(escaped, f"<strong>{escaped}</strong>", 1)
    sources_url = reverse("sources")
    label = gettext("Source")
    return FOOTNOTE_MARKER.sub(
        lambda m: (
            f'<sup class="footnote-ref"><a href="{sources_url}#source-{m[1]}" '
            f'aria-label="{label} {m[1]}">{m[1]}</a></sup>'
        ),
        html,
    )


@register.filter
def guidance(text: str, emphasis=None):
    """Render guidance text as paragraphs, with its bold phrases and linked footnotes."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return mark_safe("".join(f"<p>{_render(p, emphasis)}</p>" for p in paragraphs))


@register.filter
def guidance_inline(text: str, emphasis=None):
    """Render one paragraph of guidance text without a paragraph element around it."""
    return mark_safe(_render(text, emphasis))


@register.filter
def highlight(text, query: str):
    """Show the part of `text` around the first search term, with every term marked."""
    text = FOOTNOTE_MARKER.sub("", str(text))
    terms = [t for t in query.split() if t]
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - EXCERPT_RADIUS) if first else 0
    end = min(len(text), (first.end() if first else 0) + EXCERPT_RADIUS * 2)
    excerpt = text[start:end]
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
