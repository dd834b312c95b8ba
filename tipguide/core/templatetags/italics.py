"""Set in italics a phrase the guidance italicises where its stored text cannot mark it."""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def italicise(html, phrase: str):
    """Set the first occurrence of `phrase` in rendered `html` in italics."""
    escaped = escape(phrase)
    return mark_safe(conditional_escape(html).replace(escaped, f"<em>{escaped}</em>", 1))
