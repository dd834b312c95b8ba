"""Content editors change the guidance's words in the admin, and cannot break the portal.

Bold phrases and footnote markers are checked where they are saved, and pages render whatever is
stored.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy.tests.factories import (
    ApproachFactory,
    CoreAskFactory,
    MessageFactory,
    PrincipleFactory,
)
from casemgmt.tests.factories import ProtocolStepFactory, StrategyFactory
from risks.tests.factories import RiskFactorFactory
from standards.models import Answer, ChecklistItem
from standards.tests.factories import ChecklistItemFactory, SectionFactory, TopicFactory
from tipguide.models import GuidanceText
from tipguide.templatetags.guidance import guidance
from tipguide.tests.change_form import change_form_data
from tipguide.tests.factories import (
    DefinitionElementFactory,
    PassageFactory,
    SourceFactory,
)

GUIDANCE_TEXT_FACTORIES = [
    PassageFactory,
    DefinitionElementFactory,
    RiskFactorFactory,
    SectionFactory,
    ChecklistItemFactory,
    TopicFactory,
    StrategyFactory,
    ProtocolStepFactory,
    CoreAskFactory,
    PrincipleFactory,
    ApproachFactory,
    MessageFactory,
]

NOT_A_LIST_OF_PHRASES = [[1, 2], 5, True, "consent", {"phrase": "consent"}]

TEXT = "Refer survivors, with their informed consent, to services still operating."


def named(value):
    """Name a test case by the model its factory makes."""
    return value._meta.model.__name__ if hasattr(value, "_meta") else None


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def test_every_kind_of_guidance_text_is_checked_here():
    guidance_texts = {m for m in apps.get_models() if issubclass(m, GuidanceText)}
    assert {factory._meta.model for factory in GUIDANCE_TEXT_FACTORIES} == guidance_texts


# Bold phrases and footnotes are checked when saved


@pytest.mark.parametrize("factory", GUIDANCE_TEXT_FACTORIES, ids=named)
def test_bold_phrases_are_a_list_of_phrases_of_the_text(db, factory):
    record = factory(text=TEXT, emphasis=["informed consent"])
    record.full_clean()
    for emphasis in [*NOT_A_LIST_OF_PHRASES, None, ["informed consent", "not in the text"]]:
        record.emphasis = emphasis
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "emphasis" in error.value.message_dict, emphasis


@pytest.mark.parametrize("factory", GUIDANCE_TEXT_FACTORIES, ids=named)
def test_every_footnote_marker_names_a_source(db, factory):
    SourceFactory(number=4)
    record = factory(text=f"{TEXT}[^4]")
    record.full_clean()
    for marker in ["[^5]", "[^0]", "[^99999999999999999999]"]:
        record.text = TEXT + marker
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert error.value.message_dict["text"] == [
            f"There is no footnote {marker[2:-1]}: add the source first, or correct the marker."
        ]


def test_the_seeded_guidance_passes_its_own_rules(guidance):
    for model in apps.get_models():
        if issubclass(model, GuidanceText):
            for record in model.objects.all():
                record.full_clean()


# Pages render whatever is stored


@pytest.mark.parametrize("emphasis", NOT_A_LIST_OF_PHRASES, ids=repr)
def test_an_assessment_starts_though_an_items_bold_phrases_are_not_phrases(
    client, catalogue, kenya, focal_ke, emphasis
):
    ChecklistItem.objects.filter(code="1.1").update(emphasis=emphasis)
    client.force_login(focal_ke)
    response = client.post(reverse("standards:assessment_start"), {"national_society": kenya.pk})
    assert response.status_code == 302
    assert Answer.objects.get(item_code="1.1").item_key_phrase == ""


@pytest.mark.parametrize("emphasis", NOT_A_LIST_OF_PHRASES, ids=repr)
def test_guidance_renders_without_bold_where_its_bold_phrases_are_not_phrases(client, db, emphasis):
    factor = RiskFactorFactory(text=TEXT)
    item = ChecklistItemFactory(text=TEXT)
    type(factor).objects.filter(pk=factor.pk).update(emphasis=emphasis)
    type(item).objects.filter(pk=item.pk).update(emphasis=emphasis)
    item.refresh_from_db()
    assert item.key_phrase == ""
    assert guidance(TEXT, emphasis) == f"<p>{TEXT}</p>"
    for url in [factor.get_absolute_url(), item.get_absolute_url(), reverse("standards:index")]:
        response = client.get(url)
        assert response.status_code == 200
        assert TEXT in response.text


def test_a_risk_page_renders_a_footnote_number_no_source_could_have(client, db):
    factor = RiskFactorFactory(text=f"{TEXT}[^99999999999999999999]")
    response = client.get(factor.get_absolute_url())
    assert response.status_code == 200
    assert "#source-99999999999999999999" in response.text
    assert factor.cited_source_numbers() == []


# The admin takes bold phrases one per line, and says what is wrong


def test_an_editor_writes_the_bold_phrases_one_per_line(client, editor):
    item = ChecklistItemFactory(text=TEXT, emphasis=["informed consent", "services"])
    client.force_login(editor)
    page = client.get(change_url(item))
    assert "informed consent\nservices</textarea>" in page.text
    data = change_form_data(page, {"emphasis": "Refer survivors\r\n\r\n  still operating \r\n"})
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert item.emphasis == ["Refer survivors", "still operating"]


def test_an_editor_clears_the_bold_phrases(client, editor):
    factor = RiskFactorFactory(text=TEXT, emphasis=["informed consent"])
    client.force_login(editor)
    data = change_form_data(client.get(change_url(factor)), {"emphasis": ""})
    assert client.post(change_url(factor), data).status_code == 302
    factor.refresh_from_db()
    assert factor.emphasis == []


@pytest.mark.parametrize("typed", ["5", "true", "[1, 2]", "consent is given"])
def test_the_admin_refuses_bold_phrases_that_are_not_in_the_text(client, editor, typed):
    item = ChecklistItemFactory(text=TEXT, emphasis=["informed consent"])
    client.force_login(editor)
    data = change_form_data(client.get(change_url(item)), {"emphasis": typed})
    response = client.post(change_url(item), data)
    assert response.status_code == 200
    assert f"Not in the text: {typed}" in response.text
    item.refresh_from_db()
    assert item.emphasis == ["informed consent"]


def test_the_admin_refuses_a_footnote_marker_without_a_source(client, editor):
    SourceFactory(number=4)
    factor = RiskFactorFactory(text=f"{TEXT}[^4]")
    client.force_login(editor)
    data = change_form_data(client.get(change_url(factor)), {"text": f"{TEXT}[^4][^7]"})
    response = client.post(change_url(factor), data)
    assert response.status_code == 200
    assert "There is no footnote 7" in response.text
    factor.refresh_from_db()
    assert factor.text == f"{TEXT}[^4]"
