"""The action plan on a phone, in headless Chromium without JavaScript: no sideways scrolling,
everything about each action in view, and a status changed with the thumb."""

import os
import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

from standards.models import ActionStatus, Priority, Result
from standards.services import assessment_start
from standards.tests.factories import build_catalogue
from tipguide.organisations.tests.factories import SocietyProfileFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"
)

PASSWORD = "a phone on a slow link"


@pytest.fixture
def plan(transactional_db, kenya, focal_ke, manager):
    build_catalogue((6, 4, 4))
    SocietyProfileFactory(national_society=kenya, runs_tip_services=True)
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    statuses, priorities = list(ActionStatus), list(Priority)
    for index, answer in enumerate(assessment.answers.all()):
        answer.result = Result.NOT_MET
        answer.next_step = "Agree referral pathways with the national anti-trafficking taskforce"
        answer.owner_role = "Head of protection, gender and inclusion"
        answer.due_date = timezone.localdate() + timedelta(days=-10 if index % 2 else 40)
        answer.set_action_status(statuses[index % 3])
        answer.priority = priorities[index % 3]
        answer.save()
    for user in (focal_ke, manager):
        user.set_password(PASSWORD)
        user.save()
    return assessment


@pytest.fixture
def phone(live_server, monkeypatch):
    # Playwright's synchronous API runs an event loop; the test itself makes no database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, java_script_enabled=False
        )
        yield context.new_page()
        browser.close()


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def outside_the_screen(page, selector) -> list[str]:
    """The elements matching `selector` that are hidden or reach past the screen's right edge."""
    return page.eval_on_selector_all(
        selector,
        """(elements) => elements
            .filter((e) => !e.offsetParent || e.getBoundingClientRect().right > innerWidth)
            .map((e) => e.outerHTML.slice(0, 80))""",
    )


def test_a_focal_point_reads_and_moves_actions_on_at_360_px(live_server, plan, phone):
    sign_in(phone, live_server, "focal-ke")
    phone.goto(f"{live_server.url}/standards/assessments/{plan.pk}/actions/")

    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in (
        "td[data-label='Owner (role)']",
        "td[data-label='Due']",
        ".overdue-label",
        "select[name$='-action_status']",
        "select[name$='-priority']",
        ".action-form button[type=submit]",
    ):
        assert phone.locator(selector).count() > 0, selector
        assert outside_the_screen(phone, selector) == [], selector

    card = phone.locator("#action-1\\.2")
    card.locator("select[name$='-action_status']").select_option("done")
    card.locator("button[type=submit]").click()

    assert phone.url.endswith("/actions/#action-1.2")
    card = phone.locator("#action-1\\.2")
    assert card.locator("select[name$='-action_status']").input_value() == "done"
    assert card.locator(".action-saved").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_manager_sees_status_and_priority_at_360_px(live_server, plan, phone):
    sign_in(phone, live_server, "manager")
    phone.goto(f"{live_server.url}/standards/assessments/{plan.pk}/actions/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in ("[class*='action-status-']", "[class*='priority-']", ".overdue-label"):
        assert phone.locator(selector).count() > 0, selector
        assert outside_the_screen(phone, selector) == [], selector
