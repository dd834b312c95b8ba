import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.django_db

ORIGINAL = "Refer survivors, upon informed consent, to services still operating."
EDITED = "Refer survivors, with their informed consent, to services still operating."


def risk_factor(text=ORIGINAL):
    # The core imports no other app, so it reaches the risk factor's page through the registry.
    category = apps.get_model("risks", "Category").objects.create(number=9, title="Crises")
    return apps.get_model("risks", "RiskFactor").objects.create(
        category=category, code="9.1", position=1, title="Displacement", text=text
    )


def edit(record, text):
    record.text, record._change_reason = text, "Clearer"
    record.save()


def test_an_edited_text_says_when_and_keeps_the_original_wording(client, editor):
    factor = risk_factor()
    edit(factor, EDITED)
    client.force_login(editor)
    page = client.get(reverse("risks:detail", args=[factor.code])).text
    assert "Edited on" in page
    assert "<summary>The guidance's original wording</summary>" in page
    assert ORIGINAL in page
    assert reverse("admin:risks_riskfactor_history", args=[factor.pk]) in page


def test_visitors_see_the_notice_without_the_admin_link(client):
    factor = risk_factor()
    edit(factor, EDITED)
    page = client.get(reverse("risks:detail", args=[factor.code])).text
    assert "Edited on" in page and ORIGINAL in page
    assert reverse("admin:risks_riskfactor_history", args=[factor.pk]) not in page


def test_an_unedited_text_shows_no_notice(client):
    factor = risk_factor()
    assert "Edited on" not in client.get(reverse("risks:detail", args=[factor.code])).text
    assert factor.edited() is None


def test_a_record_without_history_shows_no_notice(client):
    factor = risk_factor()
    factor.history.all().delete()
    assert "Edited on" not in client.get(reverse("risks:detail", args=[factor.code])).text


def test_a_translation_is_no_edit_of_the_guidances_words(client):
    factor = risk_factor()
    factor.text_fr, factor._change_reason = "Orienter les survivants.", "Official translation"
    factor.save()
    assert factor.edited() is None
    edit(factor, EDITED)
    assert factor.edited().original == ORIGINAL
