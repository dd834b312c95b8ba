"""The focal point's and the manager's pages in Arabic, in Chromium: right to left, mirrored,
accessible."""

from axe_playwright_python.sync_playwright import Axe

from tipguide.tests.browser import sign_in
from tipguide.tests.pages import every_page


def test_arabic_pages_read_right_to_left_and_pass_axe(live_server, browser_page):
    axe = Axe()
    pages = {
        None: ["/", "/risks/1.3/", "/advocacy/"],
        "focal-ke": ["/societies/KE/", "/standards/assessments/", "/casemgmt/KE/"],
        "focal-ph": every_page()["focal-ph"],
        "manager": ["/dashboard/", "/standards/reviews/"],
    }
    violations = {}
    for username, paths in pages.items():
        sign_in(browser_page, live_server, username)
        for path in paths:
            browser_page.goto(f"{live_server.url}/ar{path}")
            assert browser_page.locator("html").get_attribute("dir") == "rtl"
            found = axe.run(browser_page).response["violations"]
            if found:
                violations[path] = [violation["id"] for violation in found]
    assert violations == {}
    assert browser_page.csp_violations == []


def test_the_header_and_the_bars_start_on_the_right_in_arabic(live_server, browser_page):
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
