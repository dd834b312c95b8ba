"""Each page says what it is in a meta description, and loads without a browser console error
(a missing favicon was one on every page)."""

import re

from tipguide.tests.browser import sign_in
from tipguide.tests.pages import PUBLIC

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def test_each_public_page_describes_itself(client, demo_data):
    descriptions = {}
    for path in PUBLIC:
        if "?" not in path:
            found = DESCRIPTION.search(client.get(path).content.decode())
            descriptions[path] = found and found.group(1)
    assert all(descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(descriptions)


def test_a_page_loads_without_a_console_error(live_server, browser_page):
    errors = []
    browser_page.on("console", lambda message: message.type == "error" and errors.append(message))
    for username, path in [(None, "/"), ("manager", "/dashboard/")]:
        sign_in(browser_page, live_server, username)
        browser_page.goto(live_server.url + path)
        browser_page.wait_for_timeout(500)  # the favicon loads after the page
    assert [(error.text, error.location["url"]) for error in errors] == []
    icon = browser_page.locator("link[rel=icon]").get_attribute("href")
    assert browser_page.request.get(live_server.url + icon).ok
