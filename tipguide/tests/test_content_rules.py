"""Content editors change the guidance's words in the admin, and cannot break the portal.

Bold phrases and footnote markers are checked where they are saved, and pages render whatever is
stored. The records and fields that are rules (codes, a strategy's modality, which steps are
prerequisites, which sections apply to whom) are code: the admin shows them and changes nothing.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy.tests.factories import (
    ApproachFactory,
    CoreAskFactory,
    MessageFactory,
    ObjectiveFactory,
    PrincipleFactory,
)
from casemgmt.models import Strategy
from casemgmt.tests.factories import ProtocolStepFactory, StrategyFactory
from risks.tests.factories import AtRiskGroupFactory, CategoryFactory, RiskFactorFactory
from standards.models import Answer, ChecklistItem, Section
from standards.tests.factories import ChecklistItemFactory, SectionFactory, TopicFactory
from tipguide.core.languages import original
from tipguide.core.models import GuidanceText
from tipguide.core.templatetags.guidance import guidance
from tipguide.core.tests.factories import (
    DefinitionElementFactory,
    PassageFactory,
    ResourceFactory,
    SourceFactory,
)
from tipguide.core.tests.posting import change_form_data
from tipguide.organisations.tests.factories import NationalSocietyFactory, RegionFactory

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


REASON = "Official correction"


def reasoned_change(page, changes=None):
    """What an editor posts from a change form: the changes, and why they are made."""
    return change_form_data(page, {"change_reason": REASON, **(changes or {})})


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
    data = reasoned_change(page, {"emphasis": "Refer survivors\r\n\r\n  still operating \r\n"})
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert item.emphasis == ["Refer survivors", "still operating"]


def test_an_editor_clears_the_bold_phrases(client, editor):
    factor = RiskFactorFactory(text=TEXT, emphasis=["informed consent"])
    client.force_login(editor)
    data = reasoned_change(client.get(change_url(factor)), {"emphasis": ""})
    assert client.post(change_url(factor), data).status_code == 302
    factor.refresh_from_db()
    assert factor.emphasis == []


@pytest.mark.parametrize("typed", ["5", "true", "[1, 2]", "consent is given"])
def test_the_admin_refuses_bold_phrases_that_are_not_in_the_text(client, editor, typed):
    item = ChecklistItemFactory(text=TEXT, emphasis=["informed consent"])
    client.force_login(editor)
    data = reasoned_change(client.get(change_url(item)), {"emphasis": typed})
    response = client.post(change_url(item), data)
    assert response.status_code == 200
    assert f"Not in the text: {typed}" in response.text
    item.refresh_from_db()
    assert item.emphasis == ["informed consent"]


def test_the_admin_refuses_a_footnote_marker_without_a_source(client, editor):
    SourceFactory(number=4)
    factor = RiskFactorFactory(text=f"{TEXT}[^4]")
    client.force_login(editor)
    data = reasoned_change(client.get(change_url(factor)), {"text_en": f"{TEXT}[^4][^7]"})
    response = client.post(change_url(factor), data)
    assert response.status_code == 200
    assert "There is no footnote 7" in response.text
    factor.refresh_from_db()
    assert factor.text == f"{TEXT}[^4]"


# Rules are code: the admin changes words, never keys or the fields that drive decisions

EDITED = "Edited words."

KEYED_RECORDS = [
    # (factory, the field that keys it, a new key an editor might type, a field of words)
    (SourceFactory, "number", "77", "text"),
    (PassageFactory, "slug", "renamed", "text"),
    (DefinitionElementFactory, "key", "means", "text"),
    (ResourceFactory, "slug", "renamed", "title"),
    (CategoryFactory, "number", "77", "title"),
    (AtRiskGroupFactory, "slug", "renamed", "name"),
    (RiskFactorFactory, "code", "9.9", "title"),
    (SectionFactory, "number", "77", "title"),
    (ChecklistItemFactory, "code", "9.9", "lead_in"),
    (StrategyFactory, "code", "delay-mitigation", "name"),
    (ProtocolStepFactory, "code", "Z9", "text"),
    (CoreAskFactory, "number", "77", "text"),
    (PrincipleFactory, "number", "77", "text"),
    (ApproachFactory, "number", "77", "title"),
    (ObjectiveFactory, "code", "9.9", "title"),
    (MessageFactory, "code", "9.9.9", "text"),
]


@pytest.mark.parametrize(("factory", "key", "new_key", "words"), KEYED_RECORDS, ids=named)
def test_an_editor_changes_a_records_words_but_never_its_key(
    client, editor, factory, key, new_key, words
):
    record = factory()
    client.force_login(editor)
    page = client.get(change_url(record))
    assert page.status_code == 200
    data = reasoned_change(page, {key: new_key, original(words): EDITED})
    assert client.post(change_url(record), data).status_code == 302
    saved = type(record).objects.get(pk=record.pk)
    assert getattr(saved, key) == getattr(record, key)
    assert getattr(saved, words) == EDITED


@pytest.mark.parametrize(
    ("factory", "keys"),
    [
        (RegionFactory, {"code": "elsewhere"}),
        (NationalSocietyFactory, {"iso2": "ZZ", "iso3": "ZZZ"}),
    ],
    ids=named,
)
def test_an_admin_never_changes_the_codes_of_regions_and_national_societies(
    admin_client, factory, keys
):
    record = factory()
    page = admin_client.get(change_url(record))
    data = reasoned_change(page, {**keys, "name_en": EDITED})
    assert admin_client.post(change_url(record), data).status_code == 302
    saved = type(record).objects.get(pk=record.pk)
    assert {key: getattr(saved, key) for key in keys} == {key: getattr(record, key) for key in keys}
    assert saved.name == EDITED


def test_an_editor_cannot_turn_every_shutdown_into_face_to_face_case_management(client, editor):
    delay = StrategyFactory(code=Strategy.Code.DELAY_MITIGATION, modality=Strategy.Modality.REMOTE)
    client.force_login(editor)
    data = reasoned_change(
        client.get(change_url(delay)),
        {"modality": Strategy.Modality.FACE_TO_FACE, "name_en": EDITED},
    )
    assert client.post(change_url(delay), data).status_code == 302
    delay.refresh_from_db()
    assert (delay.modality, delay.name) == (Strategy.Modality.REMOTE, EDITED)


def test_an_editor_cannot_make_a_prerequisite_optional_or_move_a_step(client, editor):
    step = ProtocolStepFactory(is_prerequisite=True)
    other = StrategyFactory(code=Strategy.Code.DELAY_MITIGATION)
    client.force_login(editor)
    data = reasoned_change(
        client.get(change_url(step)),
        {"is_prerequisite": None, "strategy": str(other.pk), "text_en": EDITED},
    )
    assert client.post(change_url(step), data).status_code == 302
    step.refresh_from_db()
    assert (step.is_prerequisite, step.strategy.code, step.text) == (True, "containment", EDITED)


def test_no_one_makes_a_prerequisite_optional_from_its_strategys_page(client, editor, admin_user):
    step = ProtocolStepFactory(is_prerequisite=True)
    for user in [editor, admin_user]:
        client.force_login(user)
        data = reasoned_change(
            client.get(change_url(step.strategy)),
            {"steps-0-is_prerequisite": None, "steps-0-text_en": f"{EDITED} By {user}."},
        )
        assert client.post(change_url(step.strategy), data).status_code == 302
        step.refresh_from_db()
        assert (step.is_prerequisite, step.text) == (True, f"{EDITED} By {user}.")


def test_an_editor_cannot_change_whom_a_section_applies_to(client, editor):
    section = SectionFactory(applies_to=Section.AppliesTo.TIP_EXPERIENCED)
    client.force_login(editor)
    data = reasoned_change(
        client.get(change_url(section)), {"applies_to": Section.AppliesTo.ALL, "title_en": EDITED}
    )
    assert client.post(change_url(section), data).status_code == 302
    section.refresh_from_db()
    assert (section.applies_to, section.title) == (Section.AppliesTo.TIP_EXPERIENCED, EDITED)


def test_reverting_a_strategy_to_an_earlier_version_keeps_its_modality(client, editor):
    strategy = StrategyFactory(name="First name", modality=Strategy.Modality.REMOTE)
    first = strategy.history.earliest()
    Strategy.objects.filter(pk=strategy.pk).update(modality=Strategy.Modality.FACE_TO_FACE)
    client.force_login(editor)
    url = reverse("admin:casemgmt_strategy_simple_history", args=[strategy.pk, first.history_id])
    page = client.get(url)
    assert client.post(url, reasoned_change(page)).status_code == 302
    strategy.refresh_from_db()
    assert strategy.modality == Strategy.Modality.FACE_TO_FACE


RULE_RECORDS = [
    (StrategyFactory, "casemgmt_strategy"),
    (ProtocolStepFactory, "casemgmt_protocolstep"),
    (SectionFactory, "standards_section"),
    (ChecklistItemFactory, "standards_checklistitem"),
]


@pytest.mark.parametrize(("factory", "admin_name"), RULE_RECORDS, ids=named)
def test_no_one_adds_or_deletes_the_records_that_are_rules(
    client, editor, admin_user, factory, admin_name
):
    record = factory()
    for user in [editor, admin_user]:
        client.force_login(user)
        assert client.get(reverse(f"admin:{admin_name}_add")).status_code == 403
        delete_url = reverse(f"admin:{admin_name}_delete", args=[record.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


RULE_INLINES = [
    # (parent factory, child factory, the child's link to its parent, the inline's prefix)
    (StrategyFactory, ProtocolStepFactory, "strategy", "steps"),
    (SectionFactory, ChecklistItemFactory, "section", "items"),
    (ChecklistItemFactory, TopicFactory, "item", "topics"),
]


@pytest.mark.parametrize(("parent_factory", "factory", "link", "prefix"), RULE_INLINES, ids=named)
def test_no_one_adds_or_deletes_the_records_that_are_rules_from_their_parents_page(
    client, editor, admin_user, parent_factory, factory, link, prefix
):
    parent = parent_factory()
    child = factory(**{link: parent})
    for user in [editor, admin_user]:
        client.force_login(user)
        page = client.get(change_url(parent))
        assert f'name="{prefix}-TOTAL_FORMS"' in page.text
        data = reasoned_change(
            page,
            {
                f"{prefix}-TOTAL_FORMS": "2",
                f"{prefix}-0-DELETE": "on",
                f"{prefix}-1-code": "Z9",
                f"{prefix}-1-position": "9",
                f"{prefix}-1-text": "A record added in the admin.",
            },
        )
        assert client.post(change_url(parent), data).status_code == 302
        assert list(type(child).objects.filter(**{link: parent})) == [child]


# Each change says why it was made, and its history shows it whole

LONG_TEXT = " ".join(["Refer survivors, with their informed consent, to services."] * 4)


def test_the_admin_refuses_a_change_without_a_reason(client, editor):
    factor = RiskFactorFactory(title="Loss of income")
    client.force_login(editor)
    data = change_form_data(client.get(change_url(factor)), {"title_en": EDITED})
    response = client.post(change_url(factor), data)
    assert response.status_code == 200
    assert "Reason for this change" in response.text
    assert "This field is required." in response.text
    factor.refresh_from_db()
    assert factor.title == "Loss of income"


def test_the_change_history_shows_why_and_the_whole_text_before_and_after(client, editor):
    factor = RiskFactorFactory(text=LONG_TEXT, emphasis=[])
    client.force_login(editor)
    edited_text = LONG_TEXT.replace("informed consent", "consent")
    data = reasoned_change(client.get(change_url(factor)), {"text_en": edited_text})
    assert client.post(change_url(factor), data).status_code == 302
    assert factor.history.latest().history_change_reason == REASON
    history = client.get(reverse("admin:risks_riskfactor_history", args=[factor.pk]))
    assert REASON in history.text
    assert LONG_TEXT in history.text
    assert edited_text in history.text


def test_records_changed_on_their_parents_page_keep_the_parents_reason(client, editor):
    item = ChecklistItemFactory()
    topic = TopicFactory(item=item, text="Psychological First Aid")
    client.force_login(editor)
    data = reasoned_change(client.get(change_url(item)), {"topics-0-text_en": EDITED})
    assert client.post(change_url(item), data).status_code == 302
    topic.refresh_from_db()
    assert topic.text == EDITED
    assert topic.history.latest().history_change_reason == REASON
