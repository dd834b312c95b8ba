"""Every page, as each kind of user sees it, in French, Spanish and Arabic: no English left in the
interface, the guidance's own words (marked lang="en") excepted."""

from itertools import product

from django.contrib.auth import get_user_model

from tipguide.tests.interface_language import english_interface, untranslated
from tipguide.tests.pages import every_page

LANGUAGES = ("fr", "es", "ar")


def test_every_page_shows_its_interface_in_the_reader_s_language(client, demo_data):
    # One test for the three languages: the demo data is seeded once.
    interfaces = {language: english_interface(language) for language in LANGUAGES}
    left_in_english = {}
    for username, paths in every_page().items():
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        for language, path in product(LANGUAGES, paths):
            page = client.get(f"/{language}{path}")
            assert f'<html lang="{language}"' in page.text, path
            found = untranslated(page.text, interfaces[language])
            if found:
                left_in_english[f"{username or 'signed out'} /{language}{path}"] = found
    assert left_in_english == {}


def test_a_sentence_left_in_english_is_found_and_the_guidance_s_own_is_not(db):
    interface = english_interface("fr")
    page = (
        '<p>Enregistré.</p><p lang="en">Nothing had changed, so nothing was saved.</p>'
        '<input placeholder="Search the guidance"><button>Sign out</button>'
    )
    assert untranslated(page, interface) == ["Search the guidance", "Sign out"]
