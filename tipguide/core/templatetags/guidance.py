"""Render the guidance's words: bold phrases, footnote references, paragraphs, search hits."""

import re
from contextvars import ContextVar

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext

from tipguide.core.languages import ORIGINAL_LANGUAGE, Words, reader_language, words
from tipguide.core.models import FOOTNOTE_MARKER, bold_phrases

register = template.Library()

# The guidance's words shown in English for want of a translation, while a page renders.
_untranslated: ContextVar[list | None] = ContextVar("untranslated", default=None)

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


def _marked(shown: Words, html: str, *, block: bool = False):
    """`html`, inside an element that says it is English when the reader gets the English
    original for want of a translation."""
    if not shown.untranslated:
        return mark_safe(html)
    found = _untranslated.get()
    if found is not None:
        found.append(shown)
    element = "div" if block else "span"
    return format_html(
        '<{} lang="{}" dir="ltr">{}</{}>', element, shown.language, mark_safe(html), element
    )


def _emphasis(record, shown: Words):
    # The bold phrases are phrases of the English text.
    if shown.language != ORIGINAL_LANGUAGE:
        return None
    return record.get("emphasis") if isinstance(record, dict) else getattr(record, "emphasis", None)


@register.simple_tag
def guidance_text(record, name="text"):
    """Render a guidance record's text in the reader's language, or else in English, as
    paragraphs with its bold phrases and linked footnotes."""
    shown = words(record, name)
    return _marked(shown, guidance(shown.value, _emphasis(record, shown)), block=True)


@register.simple_tag
def guidance_line(record, name="text"):
    """Render one paragraph of a guidance record's text, in the reader's language or else in
    English, without a paragraph element around it."""
    shown = words(record, name)
    return _marked(shown, guidance_inline(shown.value, _emphasis(record, shown)))


@register.simple_tag
def words_of(record, name):
    """A guidance record's words (a title, a name) in the reader's language, or else in
    English."""
    shown = words(record, name)
    return _marked(shown, escape(shown.value))


@register.simple_tag
def lang_of(record, name):
    """The attributes that mark an element holding a record's words as English, when the reader
    gets the English original for want of a translation: for `<li{% lang_of source "text" %}>`."""
    shown = words(record, name)
    if not shown.untranslated:
        return ""
    _marked(shown, "")
    return format_html(' lang="{}" dir="ltr"', shown.language)


@register.simple_tag
def in_english(value, *, block=False):
    """Words kept as the guidance said them in English (a quote, an assessment's wording):
    marked as English on a page in another language."""
    return _marked(Words(str(value), ORIGINAL_LANGUAGE), escape(value), block=block)


@register.filter
def english(html):
    """Rendered words kept in English, marked as such on a page in another language."""
    return in_language(html, ORIGINAL_LANGUAGE)


@register.filter
def in_language(html, language):
    """Rendered words in `language`, marked as such on a page in another language."""
    return _marked(Words(str(html), language), str(html))


@register.tag
def untranslated_notice(parser, token):
    """Say once, at the top of what it encloses, that some of the guidance in it is shown in
    English for want of a translation into the reader's language."""
    nodelist = parser.parse(("end_untranslated_notice",))
    parser.delete_first_token()
    return UntranslatedNoticeNode(nodelist)


class UntranslatedNoticeNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        token = _untranslated.set([])
        try:
            html = self.nodelist.render(context)
            found = _untranslated.get()
        finally:
            _untranslated.reset(token)
        if not found:
            return html
        # The reader's own language, by its own name: "français", "español", "العربية".
        language = get_language_info(reader_language())["name_local"]
        notice = gettext(
            "Parts of this page are not yet available in %(language)s: they are shown in "
            "English, the guidance's language, until an official translation is added."
        ) % {"language": language}
        return format_html(
            # An aside: a landmark of its own, above the breadcrumbs, as assistive technology
            # expects all of a page's content to be in one.
            '<aside class="alert alert-secondary small untranslated-notice"><p class="mb-0">{}</p>'
            "</aside>{}",
            notice,
            mark_safe(html),
        )


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
