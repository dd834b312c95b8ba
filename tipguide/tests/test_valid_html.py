"""Every page is valid HTML, as the Nu HTML Checker (vnu.jar) reads it: signed in or not, each
form editable and read-only, and the forms as they come back after an error or a conflict."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.urls import reverse

from standards.models import Assessment
from tipguide.core.tests.posting import form_as_shown
from tipguide.organisations.forms import ContactRoleForm
from tipguide.tests.pages import every_page, latest

# `npm install --prefix .tools vnu-jar` puts it here; VNU_JAR names another copy.
VNU_JAR = Path(
    os.environ.get("VNU_JAR")
    or settings.BASE_DIR / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
)
JAVA = shutil.which("java")


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


def saved_meanwhile(client, path, mine, theirs):
    """Post `mine` over the page as the user saw it, after someone else saved `theirs`."""
    shown = form_as_shown(client.get(path).content.decode())
    assert client.post(path, {**shown, **theirs}).status_code == 302
    refused = client.post(path, {**shown, **mine})
    assert refused.status_code == 409
    return refused


def posted_pages(client) -> dict[str, bytes]:
    """The forms as they come back refused: after a conflict, and with personal data."""
    client.force_login(get_user_model().objects.get(username="focal-ke"))
    continuity, profile = "/casemgmt/KE/", "/societies/KE/profile/"
    pages = {
        "conflict on a continuity plan": saved_meanwhile(
            client, continuity, {"form-0-notes": "Mine"}, {"form-0-notes": "Theirs"}
        ),
        "conflict on a profile": saved_meanwhile(
            client,
            profile,
            {"engages_with_trafficked_people": ""},
            {"has_tip_programmes_or_services": ""},
        ),
    }
    shown = form_as_shown(client.get(continuity).content.decode())
    pages["personal data in a continuity plan"] = client.post(
        continuity, {**shown, "form-0-notes": "Call ana@example.org"}
    )
    assert b"not personal data" in pages["personal data in a continuity plan"].content
    draft = latest("PH", "draft")
    section = f"{draft.get_absolute_url()}section/1/"
    client.force_login(get_user_model().objects.get(username="focal-ph"))
    pages["conflict on an assessment's section"] = saved_meanwhile(
        client, section, {"form-0-notes": "Mine"}, {"form-0-notes": "Theirs"}
    )
    client.force_login(get_user_model().objects.get(username="manager"))
    waiting, reviewed = (
        Assessment.objects.filter(status=status).order_by("pk").first()
        for status in (Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED)
    )
    pages["a reviewer's comment refused"] = client.post(
        reverse("standards:assessment_comment", args=[waiting.pk, 1]),
        {"item": waiting.answers.filter(section_number=1).first().item_code, "text": " "},
    )
    assert pages["a reviewer's comment refused"].status_code == 400
    pages["a review recorded meanwhile"] = client.post(
        reverse("standards:assessment_review", args=[reviewed.pk]),
        {"decision": "reviewed", "comment": "Late"},
    )
    assert pages["a review recorded meanwhile"].status_code == 409
    return {label: response.content for label, response in pages.items()}


@pytest.mark.skipif(not JAVA, reason="Java is not installed (the HTML checker runs on it)")
@pytest.mark.skipif(
    not VNU_JAR.exists(), reason="vnu.jar is missing: npm install --prefix .tools vnu-jar"
)
def test_every_page_is_valid_html(client, demo_data, tmp_path):
    pages = {}
    for username, paths in every_page().items():
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        for path in paths:
            pages[f"{username or 'signed out'} {path}"] = client.get(path).content
            # Arabic, right to left, with the guidance's English marked as such.
            pages[f"{username or 'signed out'} /ar{path}"] = client.get(f"/ar{path}").content
    client.logout()
    pages.update(posted_pages(client))
    files = {}
    for index, (label, html) in enumerate(pages.items()):
        file = tmp_path / f"{index:03}.html"
        file.write_bytes(html)
        files[file.name] = label

    # One run over every page: the checker takes seconds to start.
    checked = subprocess.run(
        [JAVA, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always",
         *sorted(str(file) for file in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    errors = {}
    for message in json.loads(checked.stderr)["messages"]:
        page = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        errors.setdefault(page, []).append(f"line {message.get('lastLine')}: {message['message']}")
    assert {page: len(found) for page, found in errors.items()} == {}, errors
