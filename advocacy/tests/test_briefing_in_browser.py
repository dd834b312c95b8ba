"""A focal point builds a briefing from the guidance's messages in a browser, without
JavaScript doing any of the work, and takes it away as a Word document."""

import os
import shutil
from io import BytesIO

import pytest
from docx import Document

from advocacy.models import Message
from tipguide.core.models import FOOTNOTE_MARKER, Source
from tipguide.organisations.tests.factories import SocietyProfileFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
)
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"
)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def page(live_server, guidance, focal_ke, kenya, monkeypatch):
    # Playwright's synchronous API runs an event loop; the test itself makes no database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SocietyProfileFactory(national_society=kenya, engages_with_trafficked_people=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page(accept_downloads=True)
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", "focal-ke")
        page.fill("#id_password", "a-long-test-password")
        page.click("main button[type=submit]")
        yield page
        browser.close()


def cite(code: str, source: int) -> Message:
    """Have an editor add a footnote reference to a message: the guidance's advocacy messages
    cite none of its footnotes themselves."""
    message = Message.objects.get(code=code)
    message.text = message.text.rstrip(";.") + f"[^{source}];"
    message._change_reason = "Cite the source"
    message.save()
    return message


def test_a_focal_point_builds_a_briefing_and_downloads_it(live_server, page):
    cited = cite("2.2.4", 5)
    page.goto(live_server.url + "/advocacy/messages/2.2.4/")
    page.click("text=Start a briefing with this message")

    # The approach the profile recommends is chosen, with the guidance's reason.
    assert page.locator("#approach-2").is_checked()
    assert "currently engage with trafficked people" in page.locator("main").inner_text()
    page.fill("#id_title", "Ministry of Labour and Social Protection")
    page.get_by_label("Local and national government authorities").check()
    page.check("#objective-2\\.3")
    page.click("text=Start the briefing")

    quotes = page.locator(".briefing-quote")
    codes = list(Message.objects.filter(objective__code="2.3").values_list("code", flat=True))
    assert quotes.count() == 1 + len(codes)
    # Remove the last message, and move the first of objective 2.3 above 2.2.4.
    quotes.nth(len(codes)).get_by_label("Remove").check()
    quotes.nth(1).get_by_role("button", name="Up").click()
    page.wait_for_url("**/edit/#messages")
    page.fill("#id_situation", "Borders closed since March; seasonal workers stranded.")
    page.fill("#id_figures", "1,200 migrant workers without pay in three counties.")
    page.fill("#id_figures_source", "Labour ministry survey, May 2020")
    page.fill("#id_request", "Keep labour inspections running and fund safe shelters.")
    page.click("text=Save the briefing >> nth=0")
    assert "Briefing saved." in page.locator(".messages").inner_text()
    kept = [codes[0], "2.2.4", *codes[1:-1]]
    assert [
        text.split()[1] for text in page.locator(".briefing-quote .code").all_inner_texts()
    ] == kept

    violations = axe_playwright.Axe().run(page, options=WCAG_AA).response["violations"]
    assert [v["id"] for v in violations] == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 800})

    page.click("text=Read and print it")
    page.set_viewport_size({"width": 360, "height": 800})
    assert "Sources" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 800})
    with page.expect_download() as download:
        page.click("text=Download as a Word document (.docx)")
    document = Document(BytesIO(download.value.path().read_bytes()))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        "Ministry of Labour and Social Protection",
        "Our context",
        "The situation",
        "Figures",
        "Source of the figures",
        "Our request to you",
        "What we call for",
        "Our messages",
        "How we carry these messages",
        "Sources",
    ]
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    messages = Message.objects.in_bulk(kept, field_name="code")
    # Each footnote marker is a superscript number in the text.
    assert numbered == [FOOTNOTE_MARKER.sub(r"\1", messages[code].text) for code in kept]
    assert messages[cited.code].text.endswith("[^5];")
    source = Source.objects.get(number=5)
    assert any(p.text.startswith(f"5. {source.text}") for p in document.paragraphs)
