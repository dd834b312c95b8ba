"""The readiness dashboard: figures, scope, exports and query counts."""

import csv
from io import BytesIO, StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from casemgmt.models import State, StepStatus
from casemgmt.services import continuity_plan_start, strategy_record_create
from casemgmt.tests.factories import build_protocols
from standards.models import Assessment, Result
from standards.services import assessment_review, assessment_start, assessment_submit
from standards.tests.factories import build_catalogue
from tipguide.front import views
from tipguide.organisations.models import NationalSociety
from tipguide.organisations.tests.factories import (
    MembershipFactory,
    NationalSocietyFactory,
    RegionFactory,
)


def answer(assessment, *results, **fields):
    """Give the assessment's answers these results, in item order."""
    answers = list(assessment.answers.order_by("section_number", "item_position"))
    for item_answer, result in zip(answers, results, strict=True):
        item_answer.result = result
        item_answer.reason = "No programme" if result == Result.NOT_APPLICABLE else ""
        for name, value in fields.items():
            setattr(item_answer, name, value)
        item_answer.save()


@pytest.fixture
def figures(catalogue, kenya, philippines, focal_ke, focal_ph, manager):
    """Kenya reviewed (met, partly, n/a, not met, met); the Philippines a draft (met, not met)."""
    kenya_assessment = assessment_start(national_society=kenya, user=focal_ke)
    answer(kenya_assessment, "met", "partly", "n/a", "not-met", "met")
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    assessment_review(assessment=kenya_assessment, user=manager, accept=True, comment="")
    philippines_assessment = assessment_start(national_society=philippines, user=focal_ph)
    answers = list(philippines_assessment.answers.order_by("section_number", "item_position"))
    answers[0].result, answers[1].result = Result.MET, Result.NOT_MET
    for item_answer in answers[:2]:
        item_answer.save()
    NationalSocietyFactory(iso2="GH", name="Ghana Red Cross Society", region=kenya.region)
    return kenya_assessment, philippines_assessment


def test_the_headline_figures_equal_those_computed_by_hand(client, figures, manager):
    client.force_login(manager)
    overall = client.get(reverse("dashboard")).context["dashboard"].overall
    assert (overall.reviewed, overall.submitted, overall.draft, overall.none) == (1, 0, 1, 1)
    kenya = (1 + 0.5 + 0 + 1) / 4  # n/a left out, partly met counts half
    assert overall.average_score == pytest.approx(kenya)  # the Philippines' draft is not scored


def test_section_scores_and_the_table_row_per_society(client, figures, manager):
    client.force_login(manager)
    dashboard = client.get(reverse("dashboard"), {"show": "all"}).context["dashboard"]
    rows = {row.society.iso2: row for row in dashboard.rows}
    assert rows["PH"].score is None and rows["PH"].section_scores == [None, None, None]
    assert rows["KE"].section_scores == [pytest.approx(1.5 / 2), pytest.approx(0.5), None]
    assert rows["GH"].status == "none"
    assert rows["GH"].score is None


def test_a_regional_manager_sees_only_their_region(client, figures, manager_africa):
    client.force_login(manager_africa)
    response = client.get(reverse("dashboard"))
    names = [row.society.name for row in response.context["dashboard"].rows]
    assert names == ["Kenya Red Cross Society"]  # Ghana has no assessment: listed on request
    assert "Philippine Red Cross" not in response.text
    assert "<h1>Readiness dashboard: Africa</h1>" in response.text
    assert "By National Society" in response.text and "By region" not in response.text
    everyone = client.get(reverse("dashboard"), {"show": "all"}).context["dashboard"].rows
    assert [row.society.name for row in everyone] == [
        "Ghana Red Cross Society",
        "Kenya Red Cross Society",
    ]


def test_the_most_unmet_standards_rank_by_share_of_societies_not_meeting_them(
    client, figures, manager, settings
):
    settings.DASHBOARD_MIN_ANSWERING = 1
    client.force_login(manager)
    unmet = client.get(reverse("dashboard")).context["dashboard"].unmet
    # Item 2.1: Kenya not met -> 1 of 1. The Philippines' draft (1.2 not met) is not counted.
    assert [(entry["item"].code, entry["not_met"], entry["answered"]) for entry in unmet] == [
        ("2.1", 1, 1),
    ]
    assert unmet[0]["share"] == pytest.approx(1.0)


def test_a_standard_is_ranked_only_once_enough_societies_answered_it(client, db, manager):
    """3.5 not met by 2 of 2 outranked 1.2 not met by 11 of 27: a share needs a sample."""
    build_catalogue((2, 0, 0))
    _, delay = build_protocols(1)
    add_societies(4, [RegionFactory()], delay, results=[Result.NOT_MET, Result.MET])
    client.force_login(manager)
    assert client.get(reverse("dashboard")).context["dashboard"].unmet == []
    add_societies(1, [RegionFactory()], delay, results=[Result.NOT_MET, Result.MET])
    page = client.get(reverse("dashboard"))
    assert [
        (entry["item"].code, entry["answered"]) for entry in page.context["dashboard"].unmet
    ] == [("1.1", 5)]
    assert "(n=5)" in page.text


def test_the_trend_averages_the_assessments_handed_in_by_quarter(client, figures, manager):
    client.force_login(manager)
    trend = client.get(reverse("dashboard")).context["dashboard"].trend
    assert len(trend) == 1
    assert trend[0]["assessments"] == 1
    assert trend[0]["average"] == pytest.approx(2.5 / 4)


def test_the_trend_groups_by_quarter_of_the_time_zone_in_force(client, db, manager, settings):
    build_catalogue((2, 0, 0))
    _, delay = build_protocols(1)
    add_societies(5, [RegionFactory()], delay)
    handed_in = list(Assessment.objects.order_by("pk"))
    for assessment, (moment, score) in zip(
        handed_in,
        [
            ("2023-12-31T16:30:00+00:00", 0.2),  # 1 January 2024 in Manila
            ("2024-03-31T20:00:00+00:00", 0.4),  # 1 April in Manila: the second quarter
            ("2024-05-10T12:00:00+00:00", 0.8),
            ("2024-11-02T09:00:00+00:00", 1.0),
            ("2024-12-01T09:00:00+00:00", 0.5),
        ],
        strict=True,
    ):
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=moment, score=score)
    Assessment.objects.filter(pk=handed_in[-1].pk).update(
        status=Assessment.Status.RETURNED, reviewed_at="2024-12-02T09:00:00+00:00"
    )
    settings.TIME_ZONE = "Asia/Manila"
    client.force_login(manager)
    trend = client.get(reverse("dashboard")).context["dashboard"].trend
    assert [(point["label"], point["assessments"]) for point in trend] == [
        ("2024 Q1", 1),
        ("2024 Q2", 2),
        ("2024 Q4", 1),  # the returned one is not counted
    ]
    assert [point["average"] for point in trend] == pytest.approx([0.2, 0.6, 1.0])


def test_societies_recommended_to_shut_down_temporarily_are_counted(
    client, figures, kenya, focal_ke, manager
):
    _, delay = build_protocols()
    continuity_plan_start(national_society=kenya, user=focal_ke)
    strategy_record_create(
        national_society=kenya, user=focal_ke, strategy=delay, since="2020-04-01"
    )
    StepStatus.objects.filter(step__code="D1").update(state=State.IN_PLACE)
    StepStatus.objects.filter(step__code="D2").update(state=State.CANNOT_BE_UPHELD)
    client.force_login(manager)
    response = client.get(reverse("dashboard"))
    assert response.context["dashboard"].overall.in_shutdown == 1
    assert response.context["dashboard"].regions[0].in_shutdown == 1


def test_the_shutdown_card_lists_every_society_it_counts_assessed_or_not(client, figures, manager):
    """Lebanon, recommended to shut down but without an assessment, made the card say 1 and
    its table 0."""
    ghana = NationalSociety.objects.get(iso2="GH")
    focal_gh = MembershipFactory(national_society=ghana).user
    _, delay = build_protocols()
    continuity_plan_start(national_society=ghana, user=focal_gh)
    strategy_record_create(
        national_society=ghana, user=focal_gh, strategy=delay, since="2020-04-01"
    )
    StepStatus.objects.filter(step__code="D1").update(state=State.CANNOT_BE_UPHELD)
    client.force_login(manager)
    overview = client.get(reverse("dashboard")).context["dashboard"]
    assert overview.overall.in_shutdown == 1
    response = client.get(reverse("dashboard"), {"decision": "shutdown"})
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["GH"]
    assert "1 National Society." in response.text


def test_the_table_filters_and_sorts(client, figures, manager):
    client.force_login(manager)
    response = client.get(reverse("dashboard"), {"status": "draft"})
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["PH"]
    response = client.get(reverse("dashboard"), {"sort": "-score", "show": "all"})
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["KE", "GH", "PH"]
    response = client.get(reverse("dashboard"), {"sort": "nonsense", "region": "nowhere"})
    assert response.status_code == 400
    assert "These filters were left out: no such choice." in response.text
    assert "<li>Region = nowhere</li>" in response.text
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["KE", "PH"]


def test_the_table_filters_by_continuity_decision(client, figures, kenya, focal_ke, manager):
    _, delay = build_protocols()
    continuity_plan_start(national_society=kenya, user=focal_ke)
    strategy_record_create(
        national_society=kenya, user=focal_ke, strategy=delay, since="2020-04-01"
    )
    client.force_login(manager)
    response = client.get(reverse("dashboard"), {"decision": "remote-not-yet-safe"})
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["KE"]
    assert not client.get(reverse("dashboard"), {"decision": "shutdown"}).context["dashboard"].rows
    StepStatus.objects.filter(step__code="D1").update(state=State.CANNOT_BE_UPHELD)
    response = client.get(reverse("dashboard"), {"decision": "shutdown"})
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["KE"]
    response = client.get(
        reverse("dashboard"), {"decision": "no-strategy", "sort": "-name", "show": "all"}
    )
    assert [row.society.iso2 for row in response.context["dashboard"].rows] == ["PH", "GH"]


def test_unknown_filter_values_are_left_out_and_the_page_says_so(client, figures, manager):
    """They were ignored without a word: an unknown region left the table empty."""
    client.force_login(manager)
    response = client.get(
        reverse("dashboard"), {"status": "lost", "decision": "maybe", "show": "all"}
    )
    assert response.status_code == 400
    assert "<li>Status = lost</li>" in response.text
    assert "<li>Continuity decision = maybe</li>" in response.text
    assert len(response.context["dashboard"].rows) == 3  # the valid one, show=all, kept
    for export in ("dashboard_csv", "dashboard_xlsx"):
        refused = client.get(reverse(export), {"region": "<r>x & y</r>"})
        assert refused.status_code == 400
        assert refused.text == (
            "Nothing was exported: Region = <r>x & y</r> is not one of the choices."
        )
    assert client.get(reverse("dashboard"), {"region": "africa"}).status_code == 200


def test_each_society_shows_its_own_strategy_in_force(
    client, figures, kenya, philippines, focal_ke, focal_ph, manager
):
    """The latest date wins; of two records from the same date, the one recorded last."""
    containment, delay = build_protocols()
    for strategy in (delay, containment):
        strategy_record_create(
            national_society=kenya, user=focal_ke, strategy=strategy, since="2020-04-01"
        )
    strategy_record_create(
        national_society=philippines, user=focal_ph, strategy=containment, since="2020-03-01"
    )
    strategy_record_create(
        national_society=philippines, user=focal_ph, strategy=delay, since="2020-05-01"
    )
    client.force_login(manager)
    rows = client.get(reverse("dashboard"), {"show": "all"}).context["dashboard"].rows
    assert {row.society.iso2: row.decision.strategy for row in rows} == {
        "GH": None,
        "KE": containment,
        "PH": delay,
    }


def test_the_charts_give_their_numbers_as_tables(client, figures, manager, settings):
    settings.DASHBOARD_MIN_ANSWERING = 1
    client.force_login(manager)
    text = client.get(reverse("dashboard")).text
    assert text.count('class="meter-chart') == 3
    assert '<meter min="0" max="100" value="63">63%</meter>' in text
    assert text.count("<caption>") >= 4


def test_the_csv_export_has_the_table_with_headers(client, figures, manager):
    client.force_login(manager)
    response = client.get(reverse("dashboard_csv"), {"sort": "name"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["national_society", "iso_code", "region", "status", "score"]
    kenya = next(row for row in rows if row[1] == "KE")
    assert kenya[3:8] == ["Reviewed", "63", "75", "50", ""]


def test_the_exports_speak_the_reader_s_language_and_the_csv_keeps_its_keys(
    client, figures, manager
):
    NationalSociety.objects.filter(iso2="KE").update(name_fr="Société de la Croix-Rouge du Kenya")
    client.force_login(manager)
    with translation.override("fr"):
        csv_url, xlsx_url = reverse("dashboard_csv"), reverse("dashboard_xlsx")
    rows = list(csv.reader(StringIO(client.get(csv_url).content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["national_society", "iso_code", "region", "status", "score"]
    kenya = next(row for row in rows if row[1] == "KE")
    assert kenya[0] == "Société de la Croix-Rouge du Kenya"
    assert kenya[3] == "Examinée"
    sheet = load_workbook(BytesIO(client.get(xlsx_url).content)).worksheets[0]
    assert [cell.value for cell in sheet[2]][:3] == ["Société nationale", "Code ISO", "Région"]


def test_the_xlsx_export_keeps_numbers_as_numbers(client, figures, manager):
    client.force_login(manager)
    response = client.get(reverse("dashboard_xlsx"), {"region": "africa"})
    assert response["Content-Disposition"] == 'attachment; filename="readiness.xlsx"'
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Readiness"]
    assert sheet["A1"].value.startswith(
        "Readiness of the National Societies manager oversees (Africa); filters: region = africa;"
    )
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["National Society", "ISO code", "Region"]
    assert sheet.auto_filter.ref.startswith("A2:K")
    assert sheet.freeze_panes == "A3"
    kenya = next(row for row in sheet.iter_rows(min_row=3) if row[1].value == "KE")
    assert kenya[4].value == pytest.approx(2.5 / 4)
    assert kenya[4].number_format == "0%"
    assert kenya[10].is_date and kenya[10].number_format == "yyyy-mm-dd hh:mm"
    assert sheet.column_dimensions["A"].width > len("Kenya Red Cross Society")


def test_the_xlsx_export_has_each_items_result_and_the_action_plans(client, figures, manager):
    client.force_login(manager)
    workbook = load_workbook(BytesIO(client.get(reverse("dashboard_xlsx")).content))
    assert workbook.sheetnames == ["Readiness", "Item results", "Action plans"]
    results = list(workbook["Item results"].iter_rows(min_row=3, values_only=True))
    # Kenya's five answers; the Philippines' draft is listed as it stands.
    kenya = [row for row in results if row[1] == "KE"]
    assert [row[4] for row in kenya] == ["Met", "Partly met", "Not applicable", "Not met", "Met"]
    actions = list(workbook["Action plans"].iter_rows(min_row=3, values_only=True))
    assert {(row[1], row[3]) for row in actions if row[1] == "KE"} == {
        ("KE", "Partly met"),
        ("KE", "Not met"),
    }


def test_exports_neutralise_formulas_in_text_cells(client, catalogue, manager):
    region = RegionFactory(code="africa", name="=Africa")
    NationalSocietyFactory(iso2="XX", name='=HYPERLINK("http://evil","click")', region=region)
    client.force_login(manager)
    everyone = {"show": "all"}
    rows = list(
        csv.reader(
            StringIO(client.get(reverse("dashboard_csv"), everyone).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][2] == "'=Africa"
    sheet = load_workbook(BytesIO(client.get(reverse("dashboard_xlsx"), everyone).content)).active
    assert sheet["A3"].value.startswith("'=")
    assert sheet["A3"].data_type == "s"


def test_text_that_looks_like_spreadsheet_markup_reaches_the_workbook_as_typed(
    client, figures, manager
):
    """XlsxWriter writes a string from <r> to </r> into the file as markup: a note typed so
    made the workbook unreadable, or lost its words."""
    kenya_assessment, _ = figures
    typed = {"Partly met": "<r>Ask the referral partner & confirm</r>", "Not met": "<r>Train</r>"}
    for result, notes in [
        (Result.PARTLY_MET, typed["Partly met"]),
        (Result.NOT_MET, typed["Not met"]),
    ]:
        kenya_assessment.answers.filter(result=result).update(notes=notes)
    client.force_login(manager)
    workbook = load_workbook(BytesIO(client.get(reverse("dashboard_xlsx")).content))
    actions = workbook["Action plans"].iter_rows(min_row=3, values_only=True)
    assert {row[3]: row[11] for row in actions if row[1] == "KE"} == typed


def add_societies(count, regions, strategy, results=None):
    """Societies with a submitted assessment, every item answered (partly met, or `results` in
    item order), and a continuity plan."""
    for n in range(count):
        society = NationalSocietyFactory(region=regions[n % len(regions)])
        focal = MembershipFactory(national_society=society).user
        assessment = assessment_start(national_society=society, user=focal)
        if results:
            answer(assessment, *results)
        else:
            assessment.answers.update(result=Result.PARTLY_MET)
        assessment_submit(assessment=assessment, user=focal)
        continuity_plan_start(national_society=society, user=focal)
        strategy_record_create(
            national_society=society, user=focal, strategy=strategy, since="2020-04-01"
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Signing in, the navigation's counts and the session take their share of each.
MAX_QUERIES = {"dashboard": 19, "dashboard_csv": 14, "dashboard_xlsx": 15}


@pytest.mark.parametrize("url_name", ["dashboard", "dashboard_csv", "dashboard_xlsx"])
def test_dashboard_queries_do_not_grow_with_the_number_of_societies(client, db, url_name):
    build_catalogue((9, 5, 21))
    _, delay = build_protocols(4)
    regions = [RegionFactory() for _ in range(3)]
    client.force_login(MembershipFactory(role="manager", national_society=None).user)
    add_societies(2, regions, delay)
    few = count_queries(client, reverse(url_name))
    add_societies(12, regions, delay)
    assert count_queries(client, reverse(url_name)) == few <= MAX_QUERIES[url_name]


def test_the_dashboard_changes_as_soon_as_an_assessment_is_saved(
    client, figures, focal_ph, manager
):
    _, philippines_assessment = figures
    client.force_login(manager)
    assert "<dd>1</dd>" in client.get(reverse("dashboard")).text.split("Draft")[1][:40]
    answer(philippines_assessment, "met", "met", "met", "met", "met")
    assessment_submit(assessment=philippines_assessment, user=focal_ph)
    after = client.get(reverse("dashboard"))
    assert after.context["dashboard"].overall.submitted == 1
    assert "<dd>0</dd>" in after.text.split("Draft")[1][:40]


def move_kenya_to_asia(kenya, **_):
    kenya.region = RegionFactory(code="asia", name="Asia")
    kenya.save()


def end_the_managers_membership(manager_africa, **_):
    manager_africa.memberships.update(region=RegionFactory(code="europe", name="Europe"))


def rename_the_strategy(kenya, focal_ke, **_):
    strategy = build_protocols(1)[0]
    strategy_record_create(
        national_society=kenya, user=focal_ke, strategy=strategy, since="2020-04-01"
    )
    return strategy


@pytest.mark.parametrize("url_name", ["dashboard", "dashboard_csv"])
@pytest.mark.parametrize(
    "change", [move_kenya_to_asia, end_the_managers_membership], ids=["region", "membership"]
)
def test_a_society_out_of_a_managers_scope_leaves_the_next_figures_at_once(
    client, figures, kenya, manager_africa, url_name, change
):
    client.force_login(manager_africa)
    assert "Kenya Red Cross Society" in client.get(reverse(url_name)).content.decode()
    change(kenya=kenya, manager_africa=manager_africa)
    assert "Kenya Red Cross Society" not in client.get(reverse(url_name)).content.decode()


@pytest.mark.parametrize("url_name", ["dashboard", "dashboard_csv"])
def test_an_edited_guidance_record_shows_in_the_next_figures_at_once(
    client, figures, kenya, focal_ke, manager, url_name
):
    strategy = rename_the_strategy(kenya=kenya, focal_ke=focal_ke)
    client.force_login(manager)
    assert strategy.name in client.get(reverse(url_name)).content.decode()
    strategy.name = "Containment, as renamed by an editor"
    strategy.save()
    assert strategy.name in client.get(reverse(url_name)).content.decode()


def test_a_society_counts_with_its_reviewed_cycle_while_a_newer_one_is_in_progress(
    client, figures, kenya, focal_ke, manager
):
    """Starting a new cycle used to drop Kenya from Reviewed to Draft on the dashboard."""
    reviewed, _ = figures
    newer = assessment_start(national_society=kenya, user=focal_ke)
    client.force_login(manager)
    page = client.get(reverse("dashboard"))
    kenya_row = next(row for row in page.context["dashboard"].rows if row.society.pk == kenya.pk)
    assert (kenya_row.assessment.pk, kenya_row.in_progress.pk) == (reviewed.pk, newer.pk)
    assert kenya_row.score == pytest.approx(2.5 / 4)
    assert page.context["dashboard"].overall.reviewed == 1
    assert f'href="{newer.get_absolute_url()}">newer cycle in progress (draft)' in page.text


def test_the_tables_links_are_those_reverse_gives_in_the_readers_language(
    client, figures, kenya, focal_ke, manager
):
    """The table makes its links from one reverse() a URL pattern, not one a row."""
    newer = assessment_start(national_society=kenya, user=focal_ke)
    client.force_login(manager)
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            page = client.get(reverse("dashboard"))
            society_url, newer_url = kenya.get_absolute_url(), newer.get_absolute_url()
        assert f'<a href="{society_url}">' in page.text, language
        assert f'href="{newer_url}">' in page.text, language


def test_the_headline_cards_follow_the_filters_and_apply_them(client, figures, manager):
    client.force_login(manager)
    page = client.get(reverse("dashboard"), {"region": "africa"})
    overall = page.context["dashboard"].overall
    assert (overall.reviewed, overall.draft, overall.none) == (1, 0, 1)
    assert 'href="?region=africa&amp;status=reviewed">Reviewed</a>' in page.text


def test_the_table_is_paginated(client, db, manager, monkeypatch):
    build_catalogue((1, 0, 0))
    _, delay = build_protocols(1)
    add_societies(7, [RegionFactory()], delay)
    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 5)
    client.force_login(manager)
    first = client.get(reverse("dashboard"))
    assert len(first.context["dashboard"].rows) == 5
    assert "Page 1 of 2." in first.text and "page=2" in first.text
    second = client.get(reverse("dashboard"), {"page": "2"})
    assert len(second.context["dashboard"].rows) == 2
    assert client.get(reverse("dashboard"), {"page": "nonsense"}).status_code == 200


def test_the_header_search_box_never_shows_the_dashboards_filters(client, figures, manager):
    client.force_login(manager)
    page = client.get(reverse("dashboard"), {"region": "africa", "status": "reviewed"}).text
    assert 'name="q" value=""' in page
