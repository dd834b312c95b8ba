from django import template

from standards.models import as_percent

register = template.Library()


@register.filter
def percent(share):
    """0.784 -> "78%"; no figure -> "—"."""
    return "—" if share is None else f"{as_percent(share)}%"


@register.filter
def bar_length(share, length=300):
    """The length, in SVG units, of a bar showing `share` of `length`."""
    return 0 if share is None else round(float(share) * int(length), 1)
