"""Every page passes axe-core's WCAG 2.1 AA checks in headless Chromium, loading nothing from
another host and breaking no rule of the Content-Security-Policy."""

import os

import pytest

from advocacy.tests.factories import start_briefing
from standards.models import Assessment
from tipguide.organisations.models import NationalSociety, User
from tipguide.tests.browser import CHROMIUM

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
)
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"
)

PAGES = [
    "/",
    "/overview/",
    "/risks/",
    "/risks/?group=migrants",
    "/risks/1.3/",
    "/standards/",
    "/standards/2.1/",
    "/casemgmt/",
    "/advocacy/",
    "/advocacy/?objective=2.2",
    "/advocacy/messages/2.2.4/",
    "/sources/",
    "/resources/",
    "/search/?q=migrant+workers",
    "/risks/9.9/",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


SIGNED_IN_PAGES = {
    "focal-ke": [
        "/societies/KE/",
        "/societies/KE/profile/",
        "/societies/KE/report/",
        "/standards/assessments/",
        "/standards/assessments/start/",
        "/casemgmt/KE/",
        "/casemgmt/KE/strategy/",
        "/advocacy/briefings/",
        "/advocacy/briefings/new/?message=2.2.4",
    ],
    "manager": ["/dashboard/", "/societies/LB/", "/casemgmt/LB/"],
}


def test_every_public_page_passes_axe_and_loads_only_local_assets(live_server, browser_page):
    foreign = []
    browser_page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    axe = axe_playwright.Axe()
    problems = {}
    for path in PAGES:
        browser_page.goto(live_server.url + path)
        assert browser_page.title(), path
        violations = axe.run(browser_page, options=WCAG_AA).response["violations"]
        if violations:
            problems[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert problems == {}
    assert foreign == []
    assert browser_page.csp_violations == []


def test_signed_in_pages_pass_axe(live_server, browser_page):
    kenya = Assessment.objects.filter(national_society__iso2="KE").first()
    briefing = start_briefing(
        NationalSociety.objects.get(iso2="KE"),
        User.objects.get(username="focal-ke"),
        codes=["2.2.4", "2.3.1", "2.3.2"],
    )
    pages = dict(SIGNED_IN_PAGES)
    pages["focal-ke"] = [
        *pages["focal-ke"],
        f"/standards/assessments/{kenya.pk}/",
        f"/standards/assessments/{kenya.pk}/section/1/",
        f"/standards/assessments/{kenya.pk}/actions/",
        f"/standards/assessments/{kenya.pk}/history/",
        f"/advocacy/briefings/{briefing.pk}/edit/",
        f"/advocacy/briefings/{briefing.pk}/",
        f"/advocacy/briefings/{briefing.pk}/history/",
    ]
    draft = Assessment.objects.filter(
        status=Assessment.Status.DRAFT, answers__section_number=3
    ).first()
    draft_focal = f"focal-{draft.national_society.iso2.lower()}"
    pages[draft_focal] = [
        *pages.get(draft_focal, []),
        f"/standards/assessments/{draft.pk}/section/1/",
        f"/standards/assessments/{draft.pk}/section/3/",
    ]
    pages["manager"] = [*pages["manager"], f"/advocacy/briefings/{briefing.pk}/"]
    axe = axe_playwright.Axe()
    problems = {}
    for username, paths in pages.items():
        browser_page.context.clear_cookies()
        browser_page.goto(live_server.url + "/accounts/login/")
        browser_page.fill("#id_username", username)
        browser_page.fill("#id_password", "tipguide-demo")
        browser_page.click("main button[type=submit]")
        for path in paths:
            response = browser_page.goto(live_server.url + path)
            assert response.status == 200, path
            # Not the sign-in page a failed sign-in would lead to, which passes axe too.
            assert "/accounts/login/" not in browser_page.url, (username, path)
            violations = axe.run(browser_page, options=WCAG_AA).response["violations"]
            if violations:
                problems[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert problems == {}
    assert browser_page.csp_violations == []
