import re

import pytest
from django.urls import reverse
from django.utils import translation

from casemgmt.tests.factories import ProtocolStepFactory
from risks.tests.factories import RiskFactorFactory
from standards.tests.factories import ChecklistItemFactory, TopicFactory
from tipguide.core.models import searchable_models
from tipguide.core.tests.factories import PassageFactory
from tipguide.front.search import search_guidance

pytestmark = pytest.mark.django_db


def found(query: str) -> list:
    return [hit.record for _, hits in search_guidance(query).groups for hit in hits]


def test_children_finds_the_records_saying_child_and_those_saying_children(client):
    factor = RiskFactorFactory(title="Online exploitation", text="Children spend more time online.")
    passage = PassageFactory(text="When trafficking involves a child, no means are needed.")
    step = ProtocolStepFactory(text="Refer a child's case to child protection services.")
    RiskFactorFactory(title="Debt", text="Families borrow to survive.")
    assert found("children") == [factor, step, passage]
    response = client.get(reverse("search"), {"q": "children"})
    assert "<mark>Children</mark> spend more time online." in response.text
    assert "involves a <mark>child</mark>, no means" in response.text
    assert "3 results for" in response.text


def test_a_word_is_found_by_another_form_of_it():
    factor = RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    assert found("remittance") == [factor]
    assert found("REMITTANCES") == [factor]


def test_every_word_of_the_query_must_be_in_the_record():
    both = RiskFactorFactory(title="Online exploitation", text="Children are groomed online.")
    RiskFactorFactory(title="Child labour", text="Children work in fields.")
    RiskFactorFactory(title="Online scams", text="Job offers online.")
    assert found("children online") == [both]


def test_a_word_is_not_found_inside_a_longer_one():
    RiskFactorFactory(title="Childhood", text="Schools closed.")
    assert found("child") == []


def test_a_code_is_one_word():
    item = ChecklistItemFactory(code="1.3", text="Map the services available.")
    ChecklistItemFactory(code="2.1", text="Train staff on section 2.1.3 first.")
    assert found("1.3") == [item]


def test_a_misspelt_word_is_offered_the_closest_word_of_the_guidance(client):
    RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    response = client.get(reverse("search"), {"q": "remitances"})
    assert "0 results for" in response.text
    assert 'Did you mean <a href="/search/?q=remittances">remittances</a>?' in response.text


def test_only_the_misspelt_word_of_a_query_is_replaced():
    RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    assert search_guidance("families remitances").suggestion == "families remittances"


def test_nothing_is_offered_when_something_is_found_or_nothing_is_close():
    RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    assert search_guidance("remittances").suggestion == ""
    assert search_guidance("xylophone").suggestion == ""


def test_an_excerpt_starts_and_ends_between_words(client):
    # Words of varying length, so that a cut at a fixed number of characters falls inside one.
    words = [f"w{'x' * (i % 7)}{i}" for i in range(120)]
    words[60] = "remittances"
    text = " ".join(words)
    RiskFactorFactory(title="Economic hardship", text=text)
    response = client.get(reverse("search"), {"q": "remittances"})
    excerpt = re.search(r'<span class="small">… (.*) …</span>', response.text)[1]
    excerpt = excerpt.replace("<mark>", "").replace("</mark>", "")
    start = text.index(excerpt)
    assert text[start - 1] == " "
    assert text[start + len(excerpt)] == " "
    assert "remittances" in excerpt


def test_a_word_with_an_accent_is_found_whatever_its_case():
    """SQLite matches a letter's other case only in ASCII; the search does it on any database."""
    passage = PassageFactory(text="ÉQUIPE de protection")
    assert found("équipe") == [passage]


def test_hits_of_one_kind_come_in_the_guidances_order_on_every_database():
    first = ChecklistItemFactory(code="1.1", text="Ensure safe referral.")
    second = ChecklistItemFactory(code="1.2", text="Ensure safe referral.", section=first.section)
    same_position = [TopicFactory(text="Safe referral", position=1) for _ in range(3)]
    assert found("referral") == [first, second, *same_position]


@pytest.mark.parametrize("count", [2, 40])
def test_the_search_reads_each_kind_of_guidance_record_once(
    client, django_assert_max_num_queries, count
):
    RiskFactorFactory.create_batch(count, text="Children spend more time online.")
    TopicFactory.create_batch(count, text="Child protection")
    with django_assert_max_num_queries(len(searchable_models())):
        response = client.get(reverse("search"), {"q": "children online misspelt"})
    assert response.status_code == 200


# In the reader's language, and in English, the guidance's own


def test_in_french_a_record_is_found_by_its_english_words():
    factor = RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    with translation.override("fr"):
        assert found("remittances") == [factor]


def test_in_french_a_record_is_found_by_its_french_translation_stemmed_as_french():
    factor = RiskFactorFactory(
        title="Economic hardship",
        text="Families who rely on remittances.",
        text_fr="Les familles qui dépendent des envois de fonds.",
    )
    RiskFactorFactory(title="Debt", text="Families borrow to survive.")
    with translation.override("fr"):
        assert found("famille fond") == [factor]
    # In English, the French words are not searched.
    assert found("famille") == []


def test_a_query_may_mix_the_readers_language_and_english():
    factor = RiskFactorFactory(
        title="Economic hardship",
        text="Families who rely on remittances.",
        text_fr="Les familles qui dépendent des envois de fonds.",
    )
    with translation.override("fr"):
        assert found("familles remittances") == [factor]


def test_an_english_excerpt_on_a_french_page_is_marked_as_english(client):
    RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    with translation.override("fr"):
        response = client.get(reverse("search"), {"q": "remittances"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert '<span lang="en" dir="ltr">Families who rely on <mark>remittances</mark>' in (
        response.text
    )


# The tests on the seeded guidance come last: the guidance stays seeded until the module ends.
CHILD = re.compile(r"\bchild(ren)?\b", re.IGNORECASE)


def test_children_finds_every_passage_of_the_guidance_about_a_child_or_children(
    seeded_guidance,
):
    about_children = [
        record
        for model in searchable_models()
        for record in model.objects.all()
        if any(CHILD.search(str(getattr(record, f))) for f in model.SEARCH.fields)
    ]
    assert len(about_children) == 21
    assert {(type(r), r.pk) for r in found("children")} == {(type(r), r.pk) for r in about_children}
