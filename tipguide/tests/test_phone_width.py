"""On a phone 360 px wide, the navigation folds into a menu that opens without JavaScript."""

from tipguide.tests.browser import sign_in

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(live_server, browser_page):
    page = browser_page.context.browser.new_page(java_script_enabled=False, viewport=PHONE)
    sign_in(page, live_server, "manager")
    page.goto(live_server.url + "/standards/")
    dashboard = page.get_by_role("link", name="Dashboard")
    header = page.locator("header").bounding_box()
    assert not dashboard.is_visible()
    assert header["height"] < 120

    page.locator(".site-menu > summary").click()
    assert dashboard.is_visible()
    assert page.get_by_role("button", name="Sign out").filter(visible=True).count() == 1
    dashboard.click()
    assert page.url == live_server.url + "/dashboard/"


def test_the_menu_is_a_bar_of_links_on_a_wide_screen(live_server, browser_page):
    browser_page.set_viewport_size(DESKTOP)
    sign_in(browser_page, live_server, "manager")
    browser_page.goto(live_server.url + "/standards/")
    assert not browser_page.locator(".site-menu > summary").is_visible()
    links = browser_page.get_by_role("navigation", name="Main").get_by_role("link")
    assert all(link.is_visible() for link in links.all())
    assert {box["y"] for box in (link.bounding_box() for link in links.all())} == {
        links.first.bounding_box()["y"]
    }  # one row
    assert browser_page.get_by_role("button", name="Sign out").filter(visible=True).count() == 1
