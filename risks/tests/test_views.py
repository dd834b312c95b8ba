import pytest
from django.urls import reverse

from risks.tests.factories import AtRiskGroupFactory, CategoryFactory, RiskFactorFactory
from tipguide.core.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def build_risks(factors_per_category):
    groups = AtRiskGroupFactory.create_batch(5)
    for number in (1, 2, 3):
        category = CategoryFactory(number=number)
        for position in range(1, factors_per_category + 1):
            RiskFactorFactory(category=category, position=position, groups=groups[:3])
    return groups


@pytest.mark.parametrize("factors_per_category", [2, 12])
def test_the_risks_page_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, factors_per_category
):
    build_risks(factors_per_category)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("risks:index"))
    assert response.status_code == 200


def test_the_risks_page_lists_every_factor_under_its_category(client):
    category = CategoryFactory(number=2, title="Increased risks for trafficked people")
    RiskFactorFactory(category=category, position=1, title="Increased exposure to harm")
    response = client.get(reverse("risks:index"))
    assert "2) Increased risks for trafficked people" in response.text
    assert 'href="/risks/2.1/"' in response.text
    assert "Increased exposure to harm" in response.text


def test_filtering_by_group_shows_only_the_factors_naming_it(client):
    migrants, children = AtRiskGroupFactory(slug="migrants"), AtRiskGroupFactory(slug="children")
    category = CategoryFactory(number=1)
    RiskFactorFactory(category=category, position=1, title="Named migrants", groups=[migrants])
    RiskFactorFactory(category=category, position=2, title="Named children", groups=[children])
    response = client.get(reverse("risks:index"), {"group": "migrants"})
    assert "Named migrants" in response.text
    assert "Named children" not in response.text


def test_an_unknown_group_shows_every_factor(client):
    RiskFactorFactory(title="Still shown")
    response = client.get(reverse("risks:index"), {"group": "no-such-group"})
    assert response.status_code == 200
    assert "Still shown" in response.text


def test_a_factor_page_shows_its_text_its_groups_and_the_sources_it_cites(client):
    SourceFactory(number=2, text="ILO working poverty estimate")
    SourceFactory(number=7, text="Not cited here")
    group = AtRiskGroupFactory(name="Domestic workers")
    factor = RiskFactorFactory(
        code="1.1", text="Poverty rose sharply[^2] this year.", groups=[group]
    )
    response = client.get(factor.get_absolute_url())
    assert response.status_code == 200
    assert 'href="/sources/#source-2"' in response.text
    assert "ILO working poverty estimate" in response.text
    assert "Not cited here" not in response.text
    assert "Domestic workers" in response.text
    assert "[^2]" not in response.text


@pytest.mark.parametrize("factors_per_category", [2, 12])
def test_a_factor_page_needs_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, factors_per_category
):
    build_risks(factors_per_category)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("risks:detail", args=["2.2"]))
    assert response.status_code == 200


def test_a_factor_page_links_to_the_next_and_previous_factor(client):
    category = CategoryFactory(number=1)
    for position in (1, 2, 10):
        RiskFactorFactory(category=category, position=position)
    response = client.get(reverse("risks:detail", args=["1.2"]))
    assert 'href="/risks/1.1/"' in response.text
    assert 'href="/risks/1.10/"' in response.text


def test_an_unknown_factor_code_is_a_404_page_in_the_sites_layout(client):
    response = client.get("/risks/9.9/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="/risks/"' in response.text
