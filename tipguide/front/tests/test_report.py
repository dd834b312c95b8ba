"""The printable readiness report: a draft says so, prerequisites are named in words, and the
printed pages are numbered."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from casemgmt.services import continuity_plan_start, strategy_record_create
from casemgmt.tests.factories import build_protocols
from standards.services import assessment_review

pytestmark = pytest.mark.django_db


def report(client, user):
    client.force_login(user)
    return client.get(reverse("society_report", args=["KE"])).text


def test_a_report_on_an_assessment_not_yet_reviewed_is_marked_draft(
    client, submitted_assessment, focal_ke, manager_africa
):
    page = report(client, focal_ke)
    assert 'class="report-watermark" aria-hidden="true">Draft</p>' in page
    assert "This report is a draft: its assessment is submitted, not yet reviewed." in page
    assessment_review(assessment=submitted_assessment, user=manager_africa, accept=True, comment="")
    assert "report-watermark" not in report(client, focal_ke)


def test_the_missing_prerequisites_are_named_in_words(client, kenya, focal_ke):
    _, delay = build_protocols()
    prerequisite = delay.steps.get(code="D1")
    continuity_plan_start(national_society=kenya, user=focal_ke)
    strategy_record_create(
        national_society=kenya, user=focal_ke, strategy=delay, since="2020-04-01"
    )
    page = report(client, focal_ke)
    assert "Prerequisites not in place:" in page
    assert f"<li>{prerequisite.plain_text()} <em>(not recorded)</em></li>" in page


def test_the_printed_report_is_a4_with_numbered_pages():
    css = (Path(settings.BASE_DIR) / "static/css/print.css").read_text()
    assert "size: A4" in css
    assert 'content: counter(page) " / " counter(pages)' in css
