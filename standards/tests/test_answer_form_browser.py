"""The answer form's script, in headless Chromium: "why it does not apply" shows only for items
marked not applicable, a save comes back to the item being worked on, and leaving unsaved
changes asks first."""

import os
import shutil

import pytest
from django.conf import settings

from standards.models import Result
from standards.tests.posting import section_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def section_page(live_server, transactional_db, client, kenya_assessment, focal_ke, monkeypatch):
    """Section 1 of Kenya's assessment, open in a phone-sized browser as its focal point."""
    # Playwright's synchronous API runs an event loop; the test itself makes no database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(focal_ke)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        context = browser.new_context(viewport={"width": 360, "height": 740})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.goto(live_server.url + section_url(kenya_assessment, 1))
        yield page
        browser.close()


def test_the_reason_shows_once_not_applicable_is_chosen_and_the_save_comes_back_to_it(
    section_page, kenya_assessment
):
    page = section_page
    reason = page.locator("#answer-1\\.2 .answer-reason")
    assert reason.is_hidden()
    page.locator("#answer-1\\.2 .result-options label", has_text="Not applicable").click()
    assert reason.is_visible()
    page.locator("#answer-1\\.2").get_by_label("Why it does not apply").fill(
        "No displaced people in our area"
    )
    page.locator(".answer-actions button", has_text="Save").first.click()
    page.wait_for_url(f"**{section_url(kenya_assessment, 1)}#answer-1.2")
    answer = kenya_assessment.answers.get(item_code="1.2")
    assert (answer.result, answer.reason) == (
        Result.NOT_APPLICABLE,
        "No displaced people in our area",
    )
    assert page.locator("#answer-1\\.2 .answer-reason").is_visible()
    assert page.locator("#answer-1\\.1 .answer-reason").is_hidden()
    assert page.csp_violations == []


def test_leaving_with_unsaved_changes_asks_first(section_page):
    page = section_page
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    assert asked == []
    page = page.context.new_page()
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.goto(section_page.url)
    page.locator("#answer-1\\.1 summary").click()
    page.locator("#answer-1\\.1 textarea").first.fill("Drafting a policy")
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == ["beforeunload"]
