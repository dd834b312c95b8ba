from urllib.parse import urlencode

from django import template

from standards.models import as_percent
from tipguide.core.templatetags.numbers import whole_percent

register = template.Library()


@register.filter
def percent(share, language: str | None = None):
    """0.784 -> "78%" ("78 %" in French); no figure -> "—". In the reader's language unless
    `language` is given, as a page making many does once."""
    return whole_percent(as_percent(share), language)


@register.simple_tag
def query_with(filters, **changes):
    """The query string of `filters` with `changes` (an empty value drops a parameter)."""
    merged = {**filters, **changes}
    return urlencode({name: value for name, value in merged.items() if value})


@register.filter
def percent_value(share):
    """0.784 -> 78, for a meter; no figure -> 0."""
    return 0 if share is None else as_percent(share)
