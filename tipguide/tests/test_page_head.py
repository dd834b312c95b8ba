"""Pages load without a browser console error (a missing favicon was one on every page)."""

from tipguide.tests.browser import sign_in


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
