import pytest
from django.urls import reverse

from casemgmt.tests import factories
from casemgmt.tests.factories import ProtocolStepFactory
from tipguide.core.models import Page, Resource
from tipguide.core.tests.factories import PassageFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def build_protocols(steps_per_strategy):
    protocols = factories.build_protocols(steps_per_strategy)
    ResourceFactory.create_batch(3, collection=Resource.Collection.REMOTE_SERVICES)
    return protocols


@pytest.mark.parametrize("steps", [2, 15])
def test_the_strategies_page_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, steps
):
    build_protocols(steps)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("casemgmt:index"))
    assert response.status_code == 200


def test_both_strategies_show_side_by_side_with_their_steps(client):
    containment, delay = build_protocols(0)
    ProtocolStepFactory(strategy=containment, text="Staff on hotlines are trained;")
    ProtocolStepFactory(strategy=delay, text="Have a private space at home;", is_prerequisite=True)
    response = client.get(reverse("casemgmt:index"))
    text = response.text
    assert text.index("Containment strategy") < text.index("Staff on hotlines are trained;")
    assert text.index("Staff on hotlines are trained;") < text.index("Delay and mitigation")
    assert text.index("Delay and mitigation") < text.index("Have a private space at home;")
    assert "prerequisite" in text


def test_the_shutdown_and_refer_rule_is_shown(client):
    build_protocols(1)
    PassageFactory(
        page=Page.CASEMGMT,
        slug="shutdown-and-refer",
        text="If the prerequisites cannot be upheld, shutdown services temporarily.",
    )
    response = client.get(reverse("casemgmt:index"))
    assert "shut down and refer" in response.text
    assert "shutdown services temporarily" in response.text


def test_the_strategies_page_says_each_remote_services_passage_once(client, guidance):
    response = client.get(reverse("casemgmt:index"))
    for sentence in (
        "The IFRC psychosocial centre has guidance on Remote Psychological First Aid.",
        "This guidance note from the UNFPA aims to provide practical advice",
        "also offers a range of resources to support remote communication with communities",
    ):
        assert response.text.count(sentence) == 1


def test_a_remote_resource_keeps_a_description_the_passage_does_not_say(client):
    PassageFactory(page=Page.CASEMGMT, slug="remote-services", text="Provide services remotely.")
    ResourceFactory(
        collection=Resource.Collection.REMOTE_SERVICES,
        title="Remote Psychological First Aid",
        description="A short course for volunteers.",
    )
    response = client.get(reverse("casemgmt:index"))
    assert "Remote Psychological First Aid</strong>: A short course for volunteers." in (
        response.text
    )
