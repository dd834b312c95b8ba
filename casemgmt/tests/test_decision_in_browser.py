"""A focal point reaches every branch of the continuity decision from the continuity page, in a
browser, as the guidance words each one."""

import os
import shutil

import pytest

from casemgmt.tests.factories import build_protocols

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"
)

REFERRAL = "refer survivors, upon their informed consent, to services that are still operational"


@pytest.fixture
def page(live_server, focal_ke, monkeypatch):
    # Playwright's synchronous API runs an event loop; the test itself makes no database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    build_protocols(steps_per_strategy=2)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", "focal-ke")
        page.fill("#id_password", "a-long-test-password")
        page.click("main button[type=submit]")
        page.goto(live_server.url + "/casemgmt/KE/")
        yield page
        browser.close()


def decision(page):
    return page.locator("#decision-heading").inner_text()


def record_strategy(page, name, face_to_face=None):
    page.click("text=Record a change of strategy")
    page.get_by_label(name).check()
    page.fill("input[name=since]", "2026-11-01")
    if face_to_face is not None:
        page.locator(f"input[name=face_to_face_can_continue][value={face_to_face}]").check()
    page.click("main button[type=submit]")


def set_prerequisites(page, *states):
    prerequisites = page.locator(
        "li.plan-step", has=page.locator(".badge", has_text="prerequisite")
    )
    for index, state in enumerate(states):
        prerequisites.nth(index).locator("select").select_option(state)
    page.click("text=Save the plan")


def test_every_branch_of_the_decision_is_reached_from_the_continuity_page(page):
    assert decision(page) == "Case management now: Strategy not recorded"
    assert "Record the government strategy in force" in page.inner_text("main")

    # "If static face to-face case management can continue" (containment, by default).
    record_strategy(page, "Containment strategy")
    assert decision(page) == "Case management now: Face-to-face case management continues"
    assert "with social/physical distancing measures and infection" in page.inner_text("main")

    # Delay and mitigation: face-to-face cannot continue by default; nothing is in place yet.
    record_strategy(page, "Delay and mitigation/suppression strategy")
    assert decision(page) == "Case management now: Remote case management not yet safe"
    page.click("text=Start the continuity plan")
    set_prerequisites(page, "in-place", "in-progress")
    assert decision(page) == "Case management now: Remote case management not yet safe"
    text = page.inner_text(".decision")
    assert "D2" in text and "D1" not in text
    assert "the guidance recommends shutting down services temporarily, with referral" in text
    assert REFERRAL in text

    # "If static face-to-face case management cannot continue then its recommended to operate
    # remotely", with every prerequisite in place.
    set_prerequisites(page, "in-place", "in-place")
    assert decision(page) == "Case management now: Remote case management"

    # "If the prerequisites mentioned above cannot be upheld … it is recommended to shutdown
    # services temporarily."
    set_prerequisites(page, "in-place", "cannot-be-upheld")
    assert decision(page) == "Case management now: Temporary shutdown recommended, with referral"
    assert REFERRAL in page.inner_text(".decision")

    # The focal point says face-to-face can continue after all, under the same strategy.
    record_strategy(page, "Delay and mitigation/suppression strategy", face_to_face="yes")
    assert decision(page) == "Case management now: Face-to-face case management continues"
