import pytest
from django.urls import reverse

from standards.models import Section
from standards.tests.factories import ChecklistItemFactory, SectionFactory, TopicFactory
from tipguide.core.models import Resource
from tipguide.core.tests.factories import ResourceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def build_checklists(items_per_section):
    for number in (1, 2, 3):
        section = SectionFactory(number=number)
        for position in range(1, items_per_section + 1):
            item = ChecklistItemFactory(section=section, position=position)
            TopicFactory.create_batch(2, item=item)
    ResourceFactory.create_batch(3, collection=Resource.Collection.STAFF_WELLBEING)


@pytest.mark.parametrize("items_per_section", [2, 20])
def test_the_checklist_catalogue_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, items_per_section
):
    build_checklists(items_per_section)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("standards:index"))
    assert response.status_code == 200


def test_the_catalogue_shows_each_section_with_its_items_key_phrases_and_audience(client):
    section = SectionFactory(
        number=3, title="Specialised measures", applies_to=Section.AppliesTo.TIP_EXPERIENCED
    )
    ChecklistItemFactory(
        section=section,
        position=4,
        text="Review existing referral mechanisms and see how referral can continue;",
        emphasis=["Review existing referral mechanisms"],
    )
    response = client.get(reverse("standards:index"))
    assert "3. Specialised measures" in response.text
    assert "National Societies with TiP experience or services" in response.text
    assert "<strong>Review existing referral mechanisms</strong> and see how" in response.text
    assert 'href="/standards/3.4/"' in response.text


def test_the_catalogue_shows_the_training_topics_under_their_item(client):
    item = ChecklistItemFactory(lead_in="Ensure all staff and volunteers are trained on;")
    TopicFactory(item=item, text="Psychological First Aid")
    response = client.get(reverse("standards:index"))
    assert "Ensure all staff and volunteers are trained on;" in response.text
    assert "<li>Psychological First Aid</li>" in response.text


def test_an_item_page_shows_its_text_topics_and_cited_sources(client):
    SourceFactory(number=17, text="A British Red Cross e-module")
    item = ChecklistItemFactory(code="2.1", text="The IFRCs Minimum standards", emphasis=[])
    TopicFactory(item=item, text="Recognising Trafficked People (online course)[^17]")
    response = client.get(reverse("standards:item", args=["2.1"]))
    assert response.status_code == 200
    assert "Recognising Trafficked People (online course)" in response.text
    assert "A British Red Cross e-module" in response.text
    assert 'href="/sources/#source-17"' in response.text


@pytest.mark.parametrize("items_per_section", [2, 20])
def test_an_item_page_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, items_per_section
):
    build_checklists(items_per_section)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("standards:item", args=["2.2"]))
    assert response.status_code == 200


def test_an_unknown_item_code_is_a_404(client):
    assert client.get("/standards/4.1/").status_code == 404


def test_an_item_of_section_two_is_not_called_a_minimum_standard(client):
    item = ChecklistItemFactory(section=SectionFactory(number=2), position=1)
    response = client.get(reverse("standards:item", args=[item.code]))
    assert f"<title>Checklist item {item.code}" in response.text
    assert "Minimum standard" not in response.text
    assert '<a href="/standards/">Checklists</a>' in response.text
