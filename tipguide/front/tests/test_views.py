import pytest
from django.apps import apps
from django.urls import reverse

from advocacy.tests.factories import MessageFactory
from risks.tests.factories import RiskFactorFactory
from standards.tests.factories import ChecklistItemFactory, TopicFactory
from tipguide.core.models import DefinitionElement, GuidanceText, Page, Resource, searchable_models
from tipguide.core.tests.factories import (
    DefinitionElementFactory,
    PassageFactory,
    ResourceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_the_home_page_gives_the_definition_and_a_way_in_for_each_user(client):
    DefinitionElementFactory(key=DefinitionElement.Key.MEANS, text="the 'means' (how it is done)")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "the &#x27;means&#x27; (how it is done)" in response.text
    for url in ("/standards/", "/casemgmt/", "/risks/", "/advocacy/", "/search/"):
        assert f'href="{url}"' in response.text


def test_the_home_page_declares_its_language_and_landmarks(client):
    response = client.get(reverse("home"))
    assert '<html lang="en" dir="ltr">' in response.text
    for landmark in ("<header", "<main", "<footer", 'aria-label="Breadcrumb"'):
        assert landmark in response.text


def test_the_overview_shows_each_overview_passage(client):
    PassageFactory(page=Page.OVERVIEW, slug="children", text="When trafficking involves a child")
    response = client.get(reverse("overview"))
    assert "When trafficking involves a child" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_the_sources_page_anchors_each_footnote_and_links_its_address(
    client, django_assert_max_num_queries, count
):
    SourceFactory.create_batch(count)
    SourceFactory(number=99, text="See https://www.example.org/report for details")
    with django_assert_max_num_queries(1):
        response = client.get(reverse("sources"))
    assert 'id="source-99"' in response.text
    assert 'href="https://www.example.org/report"' in response.text


@pytest.mark.parametrize("count", [2, 20])
def test_the_resources_page_groups_resources_by_collection(
    client, django_assert_max_num_queries, count
):
    ResourceFactory.create_batch(count, collection=Resource.Collection.TIP_COVID)
    ResourceFactory(collection=Resource.Collection.SUPPORT, title="Sokoni")
    with django_assert_max_num_queries(2):
        response = client.get(reverse("resources"))
    assert "Related guidance on Covid-19 and the increased risks of TiP" in response.text
    assert "Sokoni" in response.text


def test_search_finds_a_risk_factor_by_a_word_in_its_body_and_highlights_it(client):
    factor = RiskFactorFactory(title="Economic hardship", text="Families who rely on remittances.")
    RiskFactorFactory(title="Unrelated", text="Nothing to see.")
    response = client.get(reverse("search"), {"q": "Remittances"})
    assert f'href="{factor.get_absolute_url()}"' in response.text
    assert "<mark>remittances</mark>" in response.text
    assert "Unrelated" not in response.text
    assert "1 result for" in response.text


def test_search_needs_every_word_somewhere_in_the_record(client):
    RiskFactorFactory(title="Migration routes", text="Smuggling increases risks.")
    RiskFactorFactory(title="Online exploitation", text="Grooming increases risks.")
    response = client.get(reverse("search"), {"q": "smuggling risks"})
    assert "Migration routes" in response.text
    assert "Online exploitation" not in response.text


def test_search_looks_through_every_kind_of_guidance_content(client):
    item = ChecklistItemFactory(text="Ensure earmarked funding reaches appeals;")
    TopicFactory(text="Earmarked topic", item=item)
    MessageFactory(text="Prioritise flexible earmarked funding")
    response = client.get(reverse("search"), {"q": "earmarked"})
    assert "Checklist items" in response.text
    assert "Training topics" in response.text
    assert "Advocacy messages" in response.text


def test_search_escapes_what_the_user_typed(client):
    response = client.get(reverse("search"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_search_queries_are_bounded_whatever_the_query_and_data(
    client, django_assert_max_num_queries
):
    RiskFactorFactory.create_batch(40, text="risk risk risk")
    with django_assert_max_num_queries(17):
        response = client.get(reverse("search"), {"q": " ".join(["risk"] * 30)})
    assert response.status_code == 200


def test_an_unknown_address_is_a_404_page_in_the_sites_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text


def test_the_search_looks_through_every_kind_of_guidance_text_once():
    """A new kind of guidance text is searched as soon as it declares how; none is left out."""
    texts = {m for m in apps.get_models() if issubclass(m, GuidanceText)}
    searched = searchable_models()
    assert texts <= set(searched)
    assert len({model.SEARCH.position for model in searched}) == len(searched)


def test_the_home_page_says_who_is_likely_to_be_most_affected_as_the_guidance_does(client):
    response = client.get(reverse("home"))
    assert "who is likely to be most affected" in response.text
    assert "who is most affected" not in response.text


def test_the_overview_points_on_to_who_is_likely_to_be_most_affected(client):
    response = client.get(reverse("overview"))
    assert "who is likely to be most affected" in response.text
    assert "who is most affected" not in response.text


def test_the_overview_puts_crisis_contexts_under_the_guidances_own_heading(client):
    PassageFactory(
        page=Page.OVERVIEW,
        slug="definition",
        title="Overview - Trafficking in Persons",
        text="The Protocol to Prevent, Suppress and Punish Trafficking in Persons",
    )
    PassageFactory(
        page=Page.OVERVIEW, slug="crisis-contexts", text="crisis contexts can exacerbate"
    )
    response = client.get(reverse("overview"))
    assert "Transnational and domestic trafficking" not in response.text
    before_the_paragraph = response.text[: response.text.index("crisis contexts can exacerbate")]
    heading_over_it = before_the_paragraph[before_the_paragraph.rindex("<h2") :]
    assert "Overview - Trafficking in Persons" in heading_over_it


def test_only_section_1_is_called_minimum_standards_in_the_navigation_and_on_the_home_page(
    client,
):
    response = client.get(reverse("home"))
    assert 'href="/standards/">Checklists</a>' in response.text
    assert "Minimum standards" not in response.text
    for name in (
        "the minimum standards (section 1)",
        "capacity building and support to staff and volunteers (section 2)",
        "the specialised measures your National Society can consider (section 3)",
    ):
        assert name in response.text


def test_the_checklists_page_is_named_by_the_guidances_heading_not_as_minimum_standards(
    client, guidance
):
    response = client.get(reverse("standards:index"))
    assert "<h1>Integrating TiP considerations in Covid-19 responses</h1>" in response.text
    assert 'aria-current="page">Checklists</li>' in response.text
    assert ">Minimum standards<" not in response.text
    assert "Capacity Building and Support to Staff and Volunteers" in response.text
    assert "they can consider undertaking the more specialised measures" in response.text


def test_the_resources_page_names_each_support_platform_once(client, guidance):
    response = client.get(reverse("resources"))
    for platform in ("Global Disaster Preparedness Center (GDPC)", "GO platform", "FedNet"):
        assert response.text.count(platform) == 1
    assert 'id="resource-fednet"' in response.text


def test_a_support_platform_the_passage_names_is_listed_once_it_has_an_address(client):
    PassageFactory(page=Page.RESOURCES, slug="contact", text="or visit the IFRC extranet FedNet.")
    ResourceFactory(collection=Resource.Collection.SUPPORT, title="FedNet", url="https://x.test/")
    response = client.get(reverse("resources"))
    assert '<a href="https://x.test/">FedNet</a>' in response.text


def test_the_resources_page_shows_titles_awaiting_an_address_not_unaddressed_resources(client):
    ResourceFactory(title="IFRC Technical Guidance on SGBV and COVID-19", url="")
    response = client.get(reverse("resources"))
    assert "A title shown without a link is awaiting its web address" in response.text
    assert "without a web address" not in response.text


@pytest.mark.parametrize("page", ["home", "overview"])
def test_the_definition_sets_the_palermo_or_trafficking_protocol_in_italics(client, page):
    PassageFactory(
        page=Page.OVERVIEW,
        slug="definition",
        text="(commonly referred to as the Palermo- or Trafficking Protocol) provides",
    )
    response = client.get(reverse(page))
    assert "the <em>Palermo- or Trafficking Protocol</em>) provides" in response.text
