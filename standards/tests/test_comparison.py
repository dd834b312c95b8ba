"""An assessment is compared with the National Society's previous reviewed cycle: each section's
score and each item's result, on its page and in the printable report."""

import pytest
from django.urls import reverse

from standards.models import Change, Result
from standards.services import assessment_review, assessment_start, assessment_submit
from standards.tests.factories import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cycles(kenya_assessment, focal_ke, manager_africa):
    """Kenya's first cycle reviewed, with every item met but the last two; a second one started
    from it."""
    first = answer_all(kenya_assessment)
    codes = list(first.answers.values_list("item_code", flat=True))
    first.answers.filter(item_code=codes[1]).update(result=Result.PARTLY_MET)
    first.answers.filter(item_code=codes[2]).update(result=Result.NOT_APPLICABLE, reason="None")
    assessment_submit(assessment=first, user=focal_ke)
    assessment_review(assessment=first, user=manager_africa, accept=True, comment="")
    second = assessment_start(national_society=first.national_society, user=focal_ke)
    second.answers.filter(item_code=codes[0]).update(result=Result.NOT_MET)
    second.answers.filter(item_code=codes[1]).update(result=Result.MET)
    second.answers.filter(item_code=codes[2]).update(result=Result.MET)
    second.answers.filter(item_code=codes[3]).update(result=Result.MET)
    first.answers.filter(item_code=codes[4]).delete()  # an item the first cycle didn't have
    return first, second, codes


def test_each_items_result_is_compared_with_the_previous_cycle(two_cycles):
    first, second, codes = two_cycles
    comparison = second.comparison()
    assert comparison.previous == first
    changes = {item.code: item.change for item in comparison.items}
    assert changes[codes[0]] == Change.WORSE
    assert changes[codes[1]] == Change.IMPROVED
    assert changes[codes[2]] == Change.NOT_COMPARABLE
    assert changes[codes[3]] == Change.SAME
    assert changes[codes[4]] == Change.NEW


def test_each_sections_score_change_is_in_percentage_points(two_cycles):
    first, second, codes = two_cycles
    comparison = second.comparison()
    before = {s.number: s.score_percent for s in first.section_progress()}
    after = {s.number: s.score_percent for s in second.section_progress()}
    for section in comparison.sections:
        assert section.before_percent == before.get(section.number)
        assert section.after_percent == after.get(section.number)
        if section.before_percent is not None and section.after_percent is not None:
            assert section.points == after[section.number] - before[section.number]


def test_the_assessment_page_and_the_report_show_the_comparison(client, two_cycles, focal_ke):
    first, second, codes = two_cycles
    client.force_login(focal_ke)
    page = client.get(second.get_absolute_url()).text
    assert "Against the previous cycle" in page
    assert f'href="{first.get_absolute_url()}"' in page
    assert '<tr class="change-worse">' in page and '<tr class="change-improved">' in page
    report = client.get(reverse("society_report", args=["KE"])).text
    assert "Against the previous cycle" in report


def test_an_item_without_a_key_phrase_is_named_by_its_words(client, two_cycles, focal_ke):
    """Section 2's items have no key phrase: their rows showed a bare code."""
    first, second, codes = two_cycles
    second.answers.filter(item_code=codes[0]).update(
        item_key_phrase="", item_text="establish a referral pathway with partners"
    )
    client.force_login(focal_ke)
    page = client.get(second.get_absolute_url()).text
    assert "Establish a referral pathway with partners</th>" in page


def test_the_counts_name_only_the_changes_that_happened(client, two_cycles, focal_ke):
    """With no item "not comparable", the line ended on a dangling separator."""
    first, second, codes = two_cycles
    second.answers.filter(item_code=codes[2]).update(result=Result.NOT_APPLICABLE, reason="None")
    client.force_login(focal_ke)
    page = client.get(second.get_absolute_url()).text
    counts = second.comparison().counts
    assert [label for label, _count in counts] == ["improved", "worse", "same", "new"]
    assert " · ".join(f"{label.capitalize()}: {count}" for label, count in counts) + "</p>" in page
    assert "Amélioré : 1 · " in client.get("/fr" + second.get_absolute_url()).text


def test_the_percentages_are_written_as_the_readers_language_writes_them(
    client, two_cycles, focal_ke
):
    """The assessment page wrote "61%" in French, where the dashboard wrote "59 %"."""
    first, second, codes = two_cycles
    client.force_login(focal_ke)
    page = client.get("/fr" + second.get_absolute_url()).text
    score = second.progress().score_percent
    assert f"score {score}\xa0%" in page
    before = second.comparison().sections[0].before_percent
    assert f"<td>{before}\xa0%</td>" in page
    assert "%</td>" not in page.replace("\xa0%</td>", "")


def test_a_first_cycle_has_nothing_to_compare_with(client, kenya_assessment, focal_ke):
    assert kenya_assessment.comparison() is None
    client.force_login(focal_ke)
    assert "Against the previous cycle" not in client.get(kenya_assessment.get_absolute_url()).text


def test_a_later_cycle_is_never_the_one_compared_with(two_cycles):
    first, second, codes = two_cycles
    assert second.previous_reviewed() == first
    assert first.comparison() is None
