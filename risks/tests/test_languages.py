from django.urls import reverse
from django.utils import translation

from risks.tests.factories import RiskFactorFactory


def test_a_translated_risk_factor_shows_its_translation(client, db):
    factor = RiskFactorFactory(title="Loss of income", title_fr="Perte de revenus")
    with translation.override("fr"):
        page = client.get(reverse("risks:detail", args=[factor.code]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Perte de revenus" in page.text
    assert "Loss of income" not in page.text


def test_an_untranslated_risk_factor_shows_the_english_marked_as_such_with_a_notice(client, db):
    factor = RiskFactorFactory(title="Loss of income")
    with translation.override("fr"):
        page = client.get(reverse("risks:detail", args=[factor.code]), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<span lang="en" dir="ltr">Loss of income</span>' in page.text
    assert page.text.count("untranslated-notice") == 1


def test_an_english_page_has_no_notice(client, db):
    factor = RiskFactorFactory(title="Loss of income")
    page = client.get(reverse("risks:detail", args=[factor.code]))
    assert '<span lang="en" dir="ltr">' not in page.text
    assert "untranslated-notice" not in page.text
