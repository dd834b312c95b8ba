from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from tipguide.core.forms import keep_name

register = template.Library()


@register.filter
def edit_field(bound_field):
    """A field of a version-guarded form: the field, the value the user was shown (hidden, so a
    save can tell what the user changed) and, after a conflict on it, the choice of which value
    to keep."""
    html = as_crispy_field(bound_field)
    if bound_field.html_initial_name not in html:  # crispy leaves it out of radio groups
        html += bound_field.as_hidden(only_initial=True)
    form, name = bound_field.form, bound_field.name
    if name in getattr(form, "conflicts", ()):
        html += format_html(
            '<input type="hidden" name="{}" value="{}">', form.add_prefix("conflict"), name
        )
        html += as_crispy_field(form[keep_name(name)])
    return mark_safe(html)
