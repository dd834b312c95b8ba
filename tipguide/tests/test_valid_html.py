"""Every page is valid HTML, as the Nu HTML Checker (vnu.jar) reads it: signed in or not, each
form editable and read-only."""

import re

import pytest
from django.template import Context, Template

from tipguide.organisations.forms import ContactRoleForm


def rendered(template: str, **context) -> str:
    return Template("{% load forms_extra %}" + template).render(Context(context))


@pytest.mark.parametrize(
    "data",
    [None, {"roles-0-title": "PGI focal point", "initial-roles-0-title": "Health coordinator"}],
)
def test_an_edited_field_carries_the_value_shown_once_in_a_bare_hidden_input(db, data):
    form = ContactRoleForm(data, prefix="roles-0", initial={"title": "Health coordinator"})
    html = rendered("{{ form.title|edit_field }}", form=form)
    shown = re.findall(r"<input [^>]*name=\"initial-roles-0-title\"[^>]*>", html)
    assert len(shown) == 1
    assert 'value="Health coordinator"' in shown[0]
    assert "aria-" not in shown[0]
