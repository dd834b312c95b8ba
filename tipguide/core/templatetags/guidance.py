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
def highlight(text, words):
    """Show the part of `text` around the first of `words`, with each of them marked, cut
    between words. `words` are whole words, in a string or a collection."""
    text = " ".join(FOOTNOTE_MARKER.sub("", str(text)).split())
    words = words.split() if isinstance(words, str) else list(words)
    if not words:
        return escape(text)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # A word is not marked inside a longer one, nor inside a dotted code (1.3 in 2.1.3).
    pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w]|\.\w)", re.IGNORECASE)
    first = pattern.search(text)
    start, end = _excerpt_bounds(text, first.start() if first else 0, first.end() if first else 0)
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


def _excerpt_bounds(text: str, hit_start: int, hit_end: int) -> tuple[int, int]:
    """Where an excerpt of `text` (its words one space apart) around a hit starts and ends:
    about EXCERPT_RADIUS characters before it and twice that after, moved inwards to the
    nearest space so that no word is cut."""
    start = max(0, hit_start - EXCERPT_RADIUS)
    end = min(len(text), hit_end + EXCERPT_RADIUS * 2)
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, hit_start)
        start = space + 1 if space != -1 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", hit_end, end)
        end = space if space != -1 else end
    return start, end
