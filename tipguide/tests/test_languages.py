"""Choosing the portal's language: the switcher, the address, the browser, the user's preference."""

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

SWITCH = "/language/"


def test_english_is_at_the_root_and_each_other_language_under_its_prefix(client, db):
    for language in ("fr", "es", "ar"):
        with translation.override(language):
            url = reverse("standards:index")
        assert url == f"/{language}/standards/"
        page = client.get(url)
        assert page.status_code == 200
        assert f'<html lang="{language}"' in page.text
    assert 'dir="rtl"' in client.get("/ar/standards/").text
    assert '<html lang="en" dir="ltr"' in client.get("/standards/").text


def test_the_switcher_on_every_page_works_without_javascript(client, db):
    page = client.get("/standards/?q=x").text
    assert f'action="{SWITCH}?next=/standards/%3Fq%3Dx"' in page
    response = client.post(f"{SWITCH}?next=/standards/%3Fq%3Dx", {"language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/standards/?q=x"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_a_language_the_portal_does_not_offer_is_refused_with_a_message(client, db):
    response = client.post(SWITCH, {"language": "xx"})
    assert response.status_code == 400
    assert "Choose one of the languages the portal offers." in response.text
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get(SWITCH).status_code == 405


def test_the_browser_s_language_is_the_first_guess(client, db):
    response = client.get("/standards/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/es/standards/"
    assert "Accept-Language" in response["Vary"]
    assert client.get("/standards/", HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 200


def test_a_choice_made_here_outweighs_the_browser(client, db):
    client.post(f"{SWITCH}?next=/standards/", {"language": "en"})
    assert client.get("/standards/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    client.post(f"{SWITCH}?next=/standards/", {"language": "ar"})
    assert client.get("/standards/")["Location"] == "/ar/standards/"


def test_a_shared_link_keeps_its_language(client, db):
    page = client.get("/fr/standards/", HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert '<html lang="fr"' in page.text


def test_health_and_posted_forms_stay_where_they_are(client, db):
    assert client.get("/health/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    response = client.post("/accounts/login/", {"username": "x"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200


def test_the_switcher_keeps_a_signed_in_user_s_choice_as_their_preference(client, focal_ke):
    client.force_login(focal_ke)
    client.post(f"{SWITCH}?next=/standards/", {"language": "es"})
    focal_ke.refresh_from_db()
    assert (focal_ke.language, focal_ke.version) == ("es", 2)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    assert client.get("/standards/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/es/standards/"


def test_the_preferences_page_saves_the_language_and_answers_in_it(client, focal_ke):
    client.force_login(focal_ke)
    url = reverse("account_notices")
    response = client.post(
        url,
        {"version": "1", "language": "fr", "receives_notices": "on"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == "/fr/accounts/notices/"
    assert "Vos choix sont enregistrés." in response.text
    focal_ke.refresh_from_db()
    assert (focal_ke.language, focal_ke.version) == ("fr", 2)


def test_a_language_chosen_on_a_stale_preferences_page_is_not_saved_silently(client, focal_ke):
    client.force_login(focal_ke)
    client.post(SWITCH, {"language": "ar"})
    response = client.post(reverse("account_notices"), {"version": "1", "language": "es"})
    assert response.status_code == 409
    focal_ke.refresh_from_db()
    assert focal_ke.language == "ar"


def test_countries_and_figures_are_written_the_reader_s_way(client, focal_ke):
    client.force_login(focal_ke)
    assert "كينيا" in client.get("/ar/societies/KE/").text
    assert "Kenia" in client.get("/es/societies/KE/").text
    with translation.override("fr"):
        assert (
            Template("{% load figures %}{{ share|percent }}").render(Context({"share": 0.784}))
            == "78\xa0%"
        )
    with translation.override("en"):
        assert (
            Template("{% load figures %}{{ share|percent }}").render(Context({"share": 0.784}))
            == "78%"
        )


def test_a_language_the_portal_does_not_offer_is_refused_on_the_preferences_page(client, focal_ke):
    client.force_login(focal_ke)
    response = client.post(
        reverse("account_notices"), {"version": "1", "language": "xx", "receives_notices": "on"}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    focal_ke.refresh_from_db()
    assert (focal_ke.language, focal_ke.version) == ("", 1)
