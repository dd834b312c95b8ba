"""On a phone 360 px wide, no page scrolls sideways, and the navigation folds into a menu that
opens without JavaScript."""

from tipguide.tests.browser import sign_in
from tipguide.tests.pages import every_page, page_url_names, url_names

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


def test_the_pages_checked_include_every_page_of_the_access_matrix(demo_data):
    assert page_url_names() - url_names(every_page()) == set()


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    too_wide = {}
    for username, paths in every_page().items():
        sign_in(browser_page, live_server, username)
        for path in paths:
            browser_page.goto(live_server.url + path)
            width = browser_page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[f"{username or 'signed out'} {path}"] = width
    assert too_wide == {}


def test_the_menu_folds_on_a_phone_and_is_a_bar_of_links_on_a_wide_screen(
    live_server, browser_page
):
    phone = browser_page.context.browser.new_page(java_script_enabled=False, viewport=PHONE)
    sign_in(phone, live_server, "manager")
    phone.goto(live_server.url + "/standards/")
    dashboard = phone.get_by_role("link", name="Dashboard")
    assert not dashboard.is_visible()
    assert phone.locator("header").bounding_box()["height"] < 120
    phone.locator(".site-menu > summary").click()  # no JavaScript needed
    assert dashboard.is_visible()
    assert phone.get_by_role("button", name="Sign out").filter(visible=True).count() == 1
    dashboard.click()
    assert phone.url == live_server.url + "/dashboard/"

    browser_page.set_viewport_size(DESKTOP)
    sign_in(browser_page, live_server, "manager")
    browser_page.goto(live_server.url + "/standards/")
    assert not browser_page.locator(".site-menu > summary").is_visible()
    links = browser_page.get_by_role("navigation", name="Main").get_by_role("link").all()
    assert all(link.is_visible() for link in links)
    assert len({link.bounding_box()["y"] for link in links}) == 1  # one row
    assert browser_page.get_by_role("button", name="Sign out").filter(visible=True).count() == 1
