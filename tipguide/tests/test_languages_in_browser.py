"""The focal point's and the manager's journeys in French, Spanish and Arabic, in Chromium: no
English left in the interface, Arabic right to left, mirrored and accessible."""

from axe_playwright_python.sync_playwright import Axe

from tipguide.tests.browser import sign_in
from tipguide.tests.interface_language import english_interface, untranslated
from tipguide.tests.pages import assessment_pages, every_page, latest

LANGUAGES = ["fr", "es", "ar"]


def journeys() -> dict:
    """A focal point answering a draft, and a manager reviewing: the pages each goes through."""
    draft = latest("PH", "draft")
    return {
        None: ["/", "/risks/1.3/", "/advocacy/"],
        "focal-ph": ["/societies/PH/", *assessment_pages(draft)[:3], "/casemgmt/PH/"],
        "manager": ["/dashboard/", "/standards/reviews/", draft.get_absolute_url()],
    }


def test_each_journey_speaks_the_reader_s_language(live_server, browser_page):
    # One test for the three languages: the demo data is seeded once.
    for language in LANGUAGES:
        walk_in(language, live_server, browser_page)
    header_and_bars_start_on_the_right_in_arabic(live_server, browser_page)


def walk_in(language, live_server, browser_page):
    interface = english_interface(language)
    axe = Axe()
    left_in_english, violations = {}, {}
    for username, paths in journeys().items():
        sign_in(browser_page, live_server, username)
        for path in paths:
            browser_page.goto(f"{live_server.url}/{language}{path}")
            html = browser_page.locator("html")
            assert html.get_attribute("lang") == language
            assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
            found = untranslated(browser_page.content(), interface)
            if found:
                left_in_english[path] = found
            if language == "ar":
                found = axe.run(browser_page).response["violations"]
                if found:
                    violations[path] = [violation["id"] for violation in found]
    assert left_in_english == {}, language
    assert violations == {}
    assert browser_page.csp_violations == []


def header_and_bars_start_on_the_right_in_arabic(live_server, browser_page):
    sign_in(browser_page, live_server, "focal-ph")
    browser_page.goto(f"{live_server.url}/ar{every_page()['focal-ph'][2]}")  # a section
    name = browser_page.locator(".site-name").bounding_box()
    assert name["x"] > browser_page.viewport_size["width"] / 2  # the portal's name on the right
    direction = "element => getComputedStyle(element).direction"
    assert browser_page.locator("progress").first.evaluate(direction) == "rtl"  # fills leftwards
    sign_in(browser_page, live_server, "manager")
    browser_page.goto(f"{live_server.url}/ar/dashboard/")
    assert browser_page.locator("meter").first.evaluate(direction) == "rtl"
    assert browser_page.locator(".code").first.evaluate(direction) == "ltr"  # 2.2.4 reads as such
