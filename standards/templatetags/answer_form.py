from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from tipguide.core.forms import keep_name

register = template.Library()


@register.filter
def shown(bound_field):
    """Render the value the user was shown, hidden, so that a save can tell what the user
    changed; after a conflict on the field, add the choice of which value to keep.

    The hidden input has no id: no label or description points to it.
    """
    html = bound_field.as_widget(forms.HiddenInput(attrs={"id": False}), only_initial=True)
    form, name = bound_field.form, bound_field.name
    if name in form.conflicts:
        keep = form[keep_name(name)]
        html += format_html(
            '<input type="hidden" name="{}" value="{}">'
            '<fieldset class="keep"><legend>{}</legend>{}{}</fieldset>',
            form.add_prefix("conflict"),
            name,
            keep.label,
            format_html_join("", '<p class="field-error">{}</p>', ((e,) for e in keep.errors)),
            keep.as_widget(),
        )
    return mark_safe(html)


@register.filter
def without_id(bound_field):
    """Render the field's input without an id, for a label that wraps it: a page of a few dozen
    answers stays light."""
    return bound_field.as_widget(attrs={"id": False})
