"""The guidance in four languages: translations where editors entered them, the English
original, marked as such, everywhere else."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tipguide.core.models import Passage
from tipguide.core.services import guidance_seed
from tipguide.core.tests.factories import PassageFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = (
    "{% load guidance %}{% untranslated_notice %}"
    "<h2>{% words_of passage 'title' %}</h2>{% guidance_text passage %}"
    "{% end_untranslated_notice %}"
)


def rendered(passage, language: str) -> str:
    with translation.override(language):
        return Template(PAGE).render(Context({"passage": passage}))


def test_a_translation_is_shown_in_its_language_without_a_notice():
    passage = PassageFactory(
        title="Definition",
        text="Trafficking is a crime.",
        title_fr="Définition",
        text_fr="La traite est un crime.",
    )
    page = rendered(passage, "fr")
    assert page == "<h2>Définition</h2><p>La traite est un crime.</p>"


def test_without_a_translation_the_english_is_marked_and_the_notice_said_once_in_french():
    passage = PassageFactory(title="Definition", text="Trafficking is a crime.")
    page = rendered(passage, "fr")
    assert '<h2><span lang="en" dir="ltr">Definition</span></h2>' in page
    assert '<div lang="en" dir="ltr"><p>Trafficking is a crime.</p></div>' in page
    assert page.count("untranslated-notice") == 1
    assert "pas encore disponibles en français" in page
    assert page.index("untranslated-notice") < page.index("Definition")


def test_an_english_page_marks_nothing_and_says_nothing():
    passage = PassageFactory(title="Definition", text="Trafficking is a crime.")
    assert rendered(passage, "en") == "<h2>Definition</h2><p>Trafficking is a crime.</p>"


def test_the_bold_phrases_of_the_english_text_stay_with_the_english_text():
    passage = PassageFactory(
        text="Refer survivors to services.",
        emphasis=["Refer survivors"],
        text_fr="Orienter les survivants vers les services.",
    )
    assert "<strong>" not in rendered(passage, "fr")
    assert "<strong>Refer survivors</strong>" in rendered(passage, "en")
    assert "<strong>Refer survivors</strong>" in rendered(
        PassageFactory(text="Refer survivors to services.", emphasis=["Refer survivors"]), "es"
    )


def test_a_guidance_page_in_french_says_which_text_is_english(client):
    SourceFactory(number=3, text="ILO, Covid-19 and the world of work.")
    with translation.override("fr"):
        page = client.get(reverse("sources"), HTTP_ACCEPT_LANGUAGE="fr").text
    assert '<span class="source-text" lang="en" dir="ltr">ILO, Covid-19' in page
    assert page.count("untranslated-notice") == 1


# Seeding writes the English words, and leaves the translations alone


def test_seeding_in_another_language_writes_the_english_columns():
    with translation.override("fr"):
        guidance_seed(fixtures=["guidance"])
    passage = Passage.objects.get(slug="introduction")
    assert passage.text_en.startswith("Trafficking in Persons (TiP) is a core protection issue")
    assert passage.text_fr is None


def test_a_translation_is_no_edit_and_survives_a_reset():
    guidance_seed(fixtures=["guidance"])
    passage = Passage.objects.get(slug="introduction")
    passage.text_fr, passage._change_reason = "Traduction officielle.", "Translation"
    passage.save()
    assert passage.edited() is None
    report = guidance_seed(fixtures=["guidance"], dry_run=True)
    assert report.skipped == []
    passage.text_en = "Edited words."
    passage.save()
    report = guidance_seed(fixtures=["guidance"], reset=True)
    assert len(report.restored) == 1
    passage.refresh_from_db()
    assert passage.text_fr == "Traduction officielle."
    assert passage.text_en != "Edited words."


# Editors see what is not yet translated


def test_the_admin_lists_the_records_missing_a_translation_per_language(admin_client):
    SourceFactory(number=1, text="Untranslated source.")
    SourceFactory(number=2, text="Translated source.", text_fr="Source traduite.")
    url = reverse("admin:core_source_changelist")
    in_french = admin_client.get(url, {"untranslated": "fr"}).text
    assert "Untranslated source." in in_french
    assert "Translated source." not in in_french
    in_spanish = admin_client.get(url, {"untranslated": "es"}).text
    assert "Untranslated source." in in_spanish and "Translated source." in in_spanish
    everything = admin_client.get(url).text
    assert "not yet translated into" in everything.lower()
    assert "Spanish, Arabic" in everything
