"""Percentages as the reader's language writes them: "78%" in English, "78 %" in French."""

from functools import lru_cache

from babel.numbers import format_percent
from django import template
from django.utils.translation import to_locale

from tipguide.core.languages import reader_language

register = template.Library()


# A page shows a few hundred percentages and there are only 101 of them in each language:
# Babel formats each once.
@lru_cache(maxsize=1024)
def percent_text(whole: int, language: str) -> str:
    return format_percent(whole / 100, locale=to_locale(language))


@register.filter
def whole_percent(whole: int | None, language: str | None = None) -> str:
    """78 -> "78%" ("78 %" in French); no figure -> "—". In the reader's language unless
    `language` is given."""
    if whole is None:
        return "—"
    return percent_text(whole, language or reader_language())
