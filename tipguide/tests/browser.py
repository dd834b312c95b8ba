"""Helpers for the tests that drive headless Chromium."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def sign_in(page, live_server, username: str | None) -> None:
    """Sign the browser out, then in as `username` (None: stay signed out)."""
    page.context.clear_cookies()
    if username:
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "tipguide-demo")
        page.click("main button[type=submit]")
