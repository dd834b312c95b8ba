"""Browser fixtures: the demo data (seed_demo) served by a live server to headless Chromium."""

import os

import pytest

from tipguide.tests.browser import CHROMIUM


@pytest.fixture
def browser_page(live_server, transactional_db, demo_data, monkeypatch):
    """A headless Chromium page; `page.csp_violations` collects what the Content-Security-Policy
    blocked."""
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's synchronous API runs an event loop; the test itself makes no database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        yield page
        browser.close()
