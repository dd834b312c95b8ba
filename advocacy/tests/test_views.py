import pytest
from django.urls import reverse

from advocacy.tests.factories import (
    ApproachFactory,
    CoreAskFactory,
    MessageFactory,
    ObjectiveFactory,
    PrincipleFactory,
    build_library,
)
from tipguide.organisations.tests.factories import SocietyProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("messages_per_objective", [1, 12])
@pytest.mark.parametrize("filters", [{}, {"approach": "2"}, {"objective": "1.3"}])
def test_the_message_library_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, messages_per_objective, filters
):
    build_library(messages_per_objective)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("advocacy:index"), filters)
    assert response.status_code == 200


def test_the_asks_and_principles_are_always_visible_even_when_filtering(client):
    build_library(1)
    CoreAskFactory(number=9, text="Responses are informed by community participation;")
    PrincipleFactory(number=9, text="Follow the Fundamental Principles")
    response = client.get(reverse("advocacy:index"), {"objective": "2.4"})
    assert "Responses are informed by community participation;" in response.text
    assert "Follow the Fundamental Principles" in response.text


def test_filtering_by_approach_shows_only_its_messages(client):
    one = MessageFactory(objective=ObjectiveFactory(approach=ApproachFactory(number=1)))
    two = MessageFactory(objective=ObjectiveFactory(approach=ApproachFactory(number=2)))
    response = client.get(reverse("advocacy:index"), {"approach": "2"})
    assert two.text in response.text
    assert one.text not in response.text


def test_filtering_by_objective_shows_only_its_messages(client):
    approach = ApproachFactory(number=1)
    kept = MessageFactory(objective=ObjectiveFactory(approach=approach, position=2))
    dropped = MessageFactory(objective=ObjectiveFactory(approach=approach, position=3))
    response = client.get(reverse("advocacy:index"), {"objective": "1.2"})
    assert kept.text in response.text
    assert dropped.text not in response.text
    assert '<option value="1.2" selected>' in response.text


def test_an_unknown_filter_value_shows_the_whole_library(client):
    message = MessageFactory()
    response = client.get(reverse("advocacy:index"), {"approach": "x", "objective": "<9>"})
    assert response.status_code == 200
    assert message.text in response.text


def test_each_message_has_a_copy_button_and_a_page_with_plain_text_to_copy(client):
    message = MessageFactory(text="Categorise TiP services as essential;")
    listing = client.get(reverse("advocacy:index"))
    assert 'data-copy-target="message-text-' + message.code + '"' in listing.text
    page = client.get(message.get_absolute_url())
    assert page.status_code == 200
    assert "readonly>Categorise TiP services as essential;</textarea>" in page.text


def test_a_message_page_needs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    build_library(12)
    message = MessageFactory._meta.model.objects.get(code="2.3.5")
    message.text, message._change_reason = "Edited words.", "Clearer"
    message.save()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("advocacy:message", args=["2.3.5"]))
    assert response.status_code == 200


def test_an_edited_message_says_when_and_keeps_the_guidances_wording(client):
    message = MessageFactory(text="Categorise TiP services as essential;", emphasis=[])
    page = client.get(message.get_absolute_url())
    assert "Edited on" not in page.text
    message.text, message._change_reason = "Treat TiP services as essential;", "Clearer"
    message.save()
    page = client.get(message.get_absolute_url())
    assert "Edited on" in page.text
    assert "<summary>The guidance's original wording</summary>" in page.text
    assert "Categorise TiP services as essential;" in page.text


def test_an_unknown_message_code_is_a_404(client):
    assert client.get("/advocacy/messages/3.1.1/").status_code == 404


def test_a_focal_point_is_shown_the_approach_recommended_for_their_society(client, focal_ke, kenya):
    ApproachFactory(number=1, for_societies_engaging_with_trafficked_people=False)
    ApproachFactory(number=2, for_societies_engaging_with_trafficked_people=True)
    SocietyProfileFactory(national_society=kenya, runs_tip_services=True)
    client.force_login(focal_ke)
    response = client.get(reverse("advocacy:index"))
    assert "For Kenya Red Cross Society: Approach 2 is recommended" in response.text


def test_a_society_whose_profile_is_not_filled_in_is_recommended_approach_1(
    client, focal_ke, kenya
):
    ApproachFactory(number=1, for_societies_engaging_with_trafficked_people=False)
    ApproachFactory(number=2, for_societies_engaging_with_trafficked_people=True)
    client.force_login(focal_ke)
    response = client.get(reverse("advocacy:index"))
    assert "For Kenya Red Cross Society: Approach 1 is recommended" in response.text


def test_an_anonymous_visitor_gets_no_recommendation(client):
    ApproachFactory(number=1)
    assert "is recommended, going by its profile" not in client.get(reverse("advocacy:index")).text


def test_non_refoulement_is_set_in_italics_as_in_the_guidance(client):
    message = MessageFactory(text="Ensure full respect with the principle of non-refoulement.")
    response = client.get(reverse("advocacy:index"))
    assert "principle of <em>non-refoulement</em>." in response.text
    assert message.code in response.text
