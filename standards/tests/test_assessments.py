"""Focal points complete readiness assessments; managers review them."""

import importlib
import re
import threading
from datetime import timedelta
from functools import partial

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from standards.models import Answer, Assessment, ChecklistItem, Result
from standards.services import (
    assessment_answers_save,
    assessment_review,
    assessment_start,
    assessment_submit,
)
from standards.tests.factories import (
    ChecklistItemFactory,
    SectionFactory,
    TopicFactory,
    answer_all,
    build_catalogue,
)
from standards.tests.posting import section_data, section_url
from tipguide.core.services import Stale
from tipguide.core.tests.posting import form_as_shown
from tipguide.core.tests.racing import needs_row_locks, race
from tipguide.organisations.tests.factories import SocietyProfileFactory


def test_an_assessment_copies_the_words_of_each_item_it_asks_about(kenya_assessment):
    item = ChecklistItem.objects.get(code="1.1")
    answer = kenya_assessment.answers.get(item=item)
    assert answer.item_text == item.plain_text()
    item.text = "Edited later by a content editor."
    item.save()
    answer.refresh_from_db()
    assert answer.item_text != item.text


def test_specialised_measures_apply_only_to_societies_running_tip_services(
    catalogue, kenya, philippines, focal_ke, focal_ph
):
    SocietyProfileFactory(national_society=kenya, runs_tip_services=True)
    with_tip = assessment_start(national_society=kenya, user=focal_ke)
    without = assessment_start(national_society=philippines, user=focal_ph)
    assert with_tip.answers.filter(section_number=3).count() == 2
    assert not without.answers.filter(section_number=3).exists()
    assert [p.number for p in without.section_progress()] == [1, 2]


def test_a_society_has_one_open_assessment_at_a_time(kenya_assessment, kenya, focal_ke):
    with pytest.raises(ValidationError):
        assessment_start(national_society=kenya, user=focal_ke)
    assert Assessment.objects.filter(national_society=kenya).count() == 1


def test_a_new_assessment_may_start_from_the_last_reviewed_answers(
    kenya_assessment, kenya, focal_ke, manager
):
    answer_all(kenya_assessment, Result.PARTLY_MET, next_step="Train branch staff")
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    assessment_review(assessment=kenya_assessment, user=manager, accept=True, comment="")
    follow_up = assessment_start(national_society=kenya, user=focal_ke, from_previous=True)
    assert follow_up.based_on == kenya_assessment
    assert set(follow_up.answers.values_list("result", "next_step")) == {
        (Result.PARTLY_MET, "Train branch staff")
    }


def test_progress_counts_answered_items_and_scores_met_one_partly_half_without_na(
    kenya_assessment,
):
    answers = list(kenya_assessment.answers.order_by("section_number", "item_position"))
    results = [Result.MET, Result.PARTLY_MET, Result.NOT_APPLICABLE, Result.NOT_MET]
    for answer, result in zip(answers, results, strict=False):
        answer.result = result
        answer.reason = "No such programme" if result == Result.NOT_APPLICABLE else ""
        answer.save()
    progress = kenya_assessment.progress()
    assert (progress.answered, progress.total) == (4, 5)
    assert progress.score == pytest.approx((1 + 0.5) / 3)
    first, second = kenya_assessment.section_progress()
    assert (first.number, first.answered, first.total) == (1, 3, 3)
    assert first.score == pytest.approx(1.5 / 2)
    assert (second.number, second.answered, second.score) == (2, 1, 0)


def test_a_focal_point_saves_a_section_and_watches_the_progress_move(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    data = section_data(
        kenya_assessment, 1, {"1.1": {"result": "met"}, "1.2": {"result": "not-met"}}
    )
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response.status_code == 302
    page = client.get(reverse("standards:assessment_detail", args=[kenya_assessment.pk]))
    assert "2 of 5 answered" in page.text
    assert '<progress id="progress-section-1" max="3" value="2"' in page.text


def test_one_notice_against_personal_data_describes_every_free_text_field(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    page = client.get(section_url(kenya_assessment, 1)).text
    assert page.count("Do not enter names or any personal data about survivors") == 1
    assert '<p class="alert alert-info" id="privacy-note">' in page
    items = kenya_assessment.answers.filter(section_number=1).count()
    free_text = ("reason", "notes", "evidence", "next_step", "owner_role")
    described = re.findall(r'name="form-\d+-(\w+)"[^>]*aria-describedby="privacy-note"', page)
    assert sorted(described) == sorted(free_text * items)


def test_a_phone_number_in_the_notes_is_saved_only_once_the_user_confirms_it_is_no_persons(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    data = section_data(kenya_assessment, 1, {"1.1": {"notes": "Hotline +254 712 345 678"}})
    refused = client.post(section_url(kenya_assessment, 1), data)
    assert refused.status_code == 400
    assert "This looks like it holds a phone number." in refused.text
    assert kenya_assessment.answers.get(item_code="1.1").notes == ""
    confirmed = {**form_as_shown(refused.text), "form-0-no_personal_data": "on"}
    assert client.post(section_url(kenya_assessment, 1), confirmed).status_code == 302
    assert kenya_assessment.answers.get(item_code="1.1").notes == "Hotline +254 712 345 678"


def test_a_review_comment_with_an_e_mail_address_asks_for_confirmation(
    client, kenya_assessment, focal_ke, manager
):
    answer_all(kenya_assessment)
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    client.force_login(manager)
    url = reverse("standards:assessment_review", args=[kenya_assessment.pk])
    data = {"decision": "returned", "comment": "Ask jane.doe@example.org about 2.2"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "This looks like it holds an e-mail address." in refused.text
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.SUBMITTED
    assert client.post(url, {**data, "no_personal_data": "on"}).status_code == 302
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.RETURNED


def test_not_applicable_needs_a_reason(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    data = section_data(kenya_assessment, 1, {"1.1": {"result": "n/a"}})
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response.status_code == 400
    assert "Say why this item does not apply." in response.text


def test_a_stale_save_overwrites_nothing_and_shows_what_changed(client, kenya_assessment, focal_ke):
    opened = kenya_assessment.version
    colleague = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}})
    mine = section_data(
        kenya_assessment, 1, {"1.1": {"result": "not-met"}, "1.2": {"notes": "Drafted"}}
    )
    client.force_login(focal_ke)
    assert client.post(section_url(kenya_assessment, 1), colleague).status_code == 302
    response = client.post(section_url(kenya_assessment, 1), mine)
    assert response.status_code == 409
    assert "Someone saved this assessment after you opened the page" in response.text
    assert 'href="#answer-1.1"' in response.text
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.MET
    assert kenya_assessment.answers.get(item_code="1.2").notes == ""
    assert Assessment.objects.get(pk=kenya_assessment.pk).version == opened + 1
    assert f'name="version" value="{opened + 1}"' in response.text


def test_reapplying_after_a_conflict_saves_only_the_users_own_edits(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    colleague = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}})
    mine = section_data(kenya_assessment, 1, {"1.2": {"notes": "Drafted"}})
    client.post(section_url(kenya_assessment, 1), colleague)
    conflict = client.post(section_url(kenya_assessment, 1), mine)
    resubmitted = form_as_shown(conflict.text)
    assert client.post(section_url(kenya_assessment, 1), resubmitted).status_code == 302
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.MET
    assert kenya_assessment.answers.get(item_code="1.2").notes == "Drafted"


def test_saving_the_conflict_page_as_shown_keeps_what_the_colleague_saved(
    client, kenya_assessment, focal_ke
):
    colleague = section_data(
        kenya_assessment, 1, {"1.1": {"result": "not-met", "owner_role": "Head of PGI"}}
    )
    mine = section_data(kenya_assessment, 1, {"1.1": {"notes": "Policy drafted"}})
    client.force_login(focal_ke)
    assert client.post(section_url(kenya_assessment, 1), colleague).status_code == 302
    conflict = client.post(section_url(kenya_assessment, 1), mine)
    assert conflict.status_code == 409
    resaved = client.post(section_url(kenya_assessment, 1), form_as_shown(conflict.text))
    assert resaved.status_code == 302
    answer = kenya_assessment.answers.get(item_code="1.1")
    assert (answer.result, answer.owner_role, answer.notes) == (
        Result.NOT_MET,
        "Head of PGI",
        "Policy drafted",
    )


def test_when_both_changed_one_field_the_conflict_page_shows_both_and_asks_which_to_keep(
    client, kenya_assessment, focal_ke
):
    colleague = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}})
    mine = section_data(kenya_assessment, 1, {"1.1": {"result": "partly", "notes": "Half"}})
    client.force_login(focal_ke)
    client.post(section_url(kenya_assessment, 1), colleague)
    conflict = client.post(section_url(kenya_assessment, 1), mine)
    assert conflict.status_code == 409
    assert "You and someone else both changed this" in conflict.text
    assert "Keep yours: Partly met" in conflict.text
    assert "Keep the saved one: Met" in conflict.text
    unanswered = client.post(section_url(kenya_assessment, 1), form_as_shown(conflict.text))
    assert unanswered.status_code == 400
    assert "Choose which value to keep." in unanswered.text
    assert kenya_assessment.answers.get(item_code="1.1").notes == ""
    keep = re.search(r'name="([^"]*keep-result)"', unanswered.text)[1]
    choice = {**form_as_shown(unanswered.text), keep: "saved"}
    assert client.post(section_url(kenya_assessment, 1), choice).status_code == 302
    answer = kenya_assessment.answers.get(item_code="1.1")
    assert (answer.result, answer.notes) == (Result.MET, "Half")


def test_choosing_to_keep_ones_own_value_after_a_conflict_saves_it(
    client, kenya_assessment, focal_ke
):
    colleague = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}})
    mine = section_data(kenya_assessment, 1, {"1.1": {"result": "partly"}})
    client.force_login(focal_ke)
    client.post(section_url(kenya_assessment, 1), colleague)
    conflict = client.post(section_url(kenya_assessment, 1), mine)
    keep = re.search(r'name="([^"]*keep-result)"', conflict.text)[1]
    choice = {**form_as_shown(conflict.text), keep: "mine"}
    assert client.post(section_url(kenya_assessment, 1), choice).status_code == 302
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.PARTLY_MET


def test_a_failure_mid_save_leaves_no_partial_answers(kenya_assessment, focal_ke, monkeypatch):
    answers = list(kenya_assessment.answers.order_by("section_number", "item_position"))
    for answer in answers:
        answer.result = Result.MET
    original_save = Answer.save
    saved = []

    def failing_save(self, *args, **kwargs):
        if len(saved) == 2:
            raise RuntimeError("disk full")
        saved.append(self.pk)
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Answer, "save", failing_save)
    with pytest.raises(RuntimeError):
        assessment_answers_save(
            assessment=kenya_assessment, user=focal_ke, version=1, answers=answers
        )
    monkeypatch.undo()
    assert not kenya_assessment.answers.exclude(result="").exists()
    assert Assessment.objects.get(pk=kenya_assessment.pk).version == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_one_version_lose_neither_edit_silently(
    catalogue, kenya, focal_ke
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks; SQLite serialises whole transactions")
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(code, result):
        try:
            answer = Assessment.objects.get(pk=assessment.pk).answers.get(item_code=code)
            answer.result = result
            barrier.wait(timeout=10)
            assessment_answers_save(
                assessment=assessment, user=focal_ke, version=1, answers=[answer]
            )
            outcomes[code] = "saved"
        except Stale as stale:
            outcomes[code] = [a.item_code for a in stale.changed]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("1.1", Result.MET)),
        threading.Thread(target=save, args=("1.2", Result.NOT_MET)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(outcomes.values()).count("saved") == 1
    winner = next(code for code, outcome in outcomes.items() if outcome == "saved")
    loser = next(code for code, outcome in outcomes.items() if outcome != "saved")
    assert outcomes[loser] == [winner], "the refused save is told what the other one changed"
    assert assessment.answers.get(item_code=winner).result != ""
    assert assessment.answers.get(item_code=loser).result == ""
    assert Assessment.objects.get(pk=assessment.pk).version == 2


@pytest.mark.django_db(transaction=True)
def test_a_save_that_blanks_answers_racing_a_submit_never_leaves_it_submitted_unanswered(
    catalogue, kenya, focal_ke
):
    needs_row_locks()
    for _ in range(15):
        assessment = answer_all(assessment_start(national_society=kenya, user=focal_ke))
        blank = assessment.answers.first()
        blank.result = ""
        race(
            partial(assessment_submit, assessment=assessment, user=focal_ke),
            partial(
                assessment_answers_save,
                assessment=assessment,
                user=focal_ke,
                version=1,
                answers=[blank],
            ),
        )
        assessment.refresh_from_db()
        if assessment.status == Assessment.Status.SUBMITTED:
            assert assessment.progress().is_complete, "submitted with an unanswered item"
        else:
            assert not assessment.progress().is_complete
        assessment.delete()


def test_a_submit_from_a_page_opened_before_a_colleagues_save_is_refused(
    client, kenya_assessment, focal_ke
):
    answer_all(kenya_assessment)
    client.force_login(focal_ke)
    opened = client.get(kenya_assessment.get_absolute_url()).text
    colleague = section_data(kenya_assessment, 1, {"1.1": {"result": "not-met"}})
    assert client.post(section_url(kenya_assessment, 1), colleague).status_code == 302
    submit_url = reverse("standards:assessment_submit", args=[kenya_assessment.pk])
    response = client.post(submit_url, form_as_shown(opened), follow=True)
    assert "Someone saved this assessment after you opened the page" in response.text
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.DRAFT
    response = client.post(submit_url, form_as_shown(response.text), follow=True)
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.SUBMITTED


def test_a_malformed_version_on_submit_is_refused_with_a_message(
    client, kenya_assessment, focal_ke
):
    answer_all(kenya_assessment)
    client.force_login(focal_ke)
    submit_url = reverse("standards:assessment_submit", args=[kenya_assessment.pk])
    response = client.post(submit_url, {"version": "x"})
    assert response.status_code == 400
    assert "The page was out of date; nothing was submitted." in response.text
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.DRAFT


def test_starting_a_second_open_assessment_links_to_the_open_one(
    client, kenya_assessment, kenya, focal_ke
):
    client.force_login(focal_ke)
    response = client.post(reverse("standards:assessment_start"), {"national_society": kenya.pk})
    assert response.status_code == 400
    assert "This National Society already has an open assessment." in response.text
    assert f'href="{kenya_assessment.get_absolute_url()}"' in response.text


@pytest.mark.django_db(transaction=True)
def test_two_focal_points_starting_an_assessment_at_once_get_one_and_a_message(
    catalogue, kenya, focal_ke
):
    needs_row_locks()
    for _ in range(5):
        outcomes = race(
            lambda: assessment_start(national_society=kenya, user=focal_ke),
            lambda: assessment_start(national_society=kenya, user=focal_ke),
        )
        started = [o for o in outcomes if isinstance(o, Assessment)]
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert (len(started), len(refused)) == (1, 1), outcomes
        assert refused[0].messages == ["This National Society already has an open assessment."]
        Assessment.objects.all().delete()


def test_an_incomplete_assessment_cannot_be_submitted(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    response = client.post(
        reverse("standards:assessment_submit", args=[kenya_assessment.pk]), follow=True
    )
    assert "Answer every item before submitting the assessment." in response.text
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.DRAFT


def test_a_submitted_assessment_is_read_only_for_the_focal_point(
    client, kenya_assessment, focal_ke
):
    answer_all(kenya_assessment)
    client.force_login(focal_ke)
    client.post(reverse("standards:assessment_submit", args=[kenya_assessment.pk]))
    assert Assessment.objects.get(pk=kenya_assessment.pk).status == Assessment.Status.SUBMITTED
    page = client.get(section_url(kenya_assessment, 1))
    assert "This assessment is read-only for you." in page.text
    data = section_data(kenya_assessment, 1, {"1.1": {"result": "not-met"}})
    assert client.post(section_url(kenya_assessment, 1), data).status_code == 403
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.MET


def test_a_regional_manager_returns_an_assessment_with_comments_and_it_opens_again(
    client, kenya_assessment, focal_ke, manager_africa
):
    answer_all(kenya_assessment)
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    client.force_login(manager_africa)
    response = client.post(
        reverse("standards:assessment_review", args=[kenya_assessment.pk]),
        {"decision": "returned", "comment": "Add evidence for 2.1"},
    )
    assert response.status_code == 302
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.status == Assessment.Status.RETURNED
    assert kenya_assessment.reviewed_by == manager_africa
    assert kenya_assessment.can_edit(focal_ke)
    client.force_login(focal_ke)
    assert "Add evidence for 2.1" in client.get(kenya_assessment.get_absolute_url()).text


def test_a_manager_marks_a_submitted_assessment_reviewed(kenya_assessment, focal_ke, manager):
    answer_all(kenya_assessment)
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    assessment_review(assessment=kenya_assessment, user=manager, accept=True, comment="Good")
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.status == Assessment.Status.REVIEWED
    assert not kenya_assessment.can_edit(focal_ke)


def test_the_action_plan_lists_unmet_items_and_highlights_overdue_ones(
    client, kenya_assessment, focal_ke
):
    yesterday = timezone.localdate() - timedelta(days=1)
    answers = kenya_assessment.answers.order_by("section_number", "item_position")
    answers.filter(item_code="1.1").update(
        result=Result.NOT_MET, next_step="Train", due_date=yesterday
    )
    answers.filter(item_code="1.2").update(
        result=Result.PARTLY_MET, next_step="Map referral pathways", owner_role="PGI focal point"
    )
    answers.filter(item_code="1.3").update(result=Result.MET)
    client.force_login(focal_ke)
    response = client.get(reverse("standards:assessment_actions", args=[kenya_assessment.pk]))
    assert "2 actions." in response.text
    assert response.text.count('class="overdue"') == 1
    assert "Map referral pathways" in response.text


def test_the_action_plan_downloads_as_csv_with_formulas_neutralised(
    client, kenya_assessment, focal_ke
):
    kenya_assessment.answers.filter(item_code="1.1").update(
        result=Result.NOT_MET, next_step='=HYPERLINK("http://evil")', owner_role="+Owner"
    )
    client.force_login(focal_ke)
    response = client.get(reverse("standards:assessment_actions_csv", args=[kenya_assessment.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "item,standard,result,status,priority,next_step,owner_role,due_date,overdue,"
        "completed_on,notes,evidence"
    )
    assert "'=HYPERLINK" in lines[1]
    assert ",'+Owner," in lines[1]


def test_the_history_shows_who_changed_which_answer_and_how(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    client.post(
        section_url(kenya_assessment, 1),
        section_data(kenya_assessment, 1, {"1.2": {"result": "partly"}}),
    )
    response = client.get(reverse("standards:assessment_history", args=[kenya_assessment.pk]))
    assert "focal-ke" in response.text
    assert "<ins>Partly met</ins>" in response.text


@pytest.mark.parametrize("items_per_section", [(3, 2, 2), (12, 8, 21)])
@pytest.mark.parametrize(
    "url_name",
    [
        "standards:assessment_detail",
        "standards:assessment_section",
        "standards:assessment_actions",
        "standards:assessment_actions_csv",
        "standards:assessment_history",
    ],
)
def test_assessment_pages_need_a_fixed_number_of_queries_with_every_item_answered(
    client, django_assert_max_num_queries, kenya, focal_ke, items_per_section, url_name
):
    build_catalogue(items_per_section)
    SocietyProfileFactory(national_society=kenya, runs_tip_services=True)
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    answers = list(assessment.answers.all())
    for answer in answers:
        answer.result, answer.next_step, answer.owner_role = Result.NOT_MET, "Plan", "Head"
    assessment_answers_save(assessment=assessment, user=focal_ke, version=1, answers=answers)
    args = [assessment.pk, 1] if url_name == "standards:assessment_section" else [assessment.pk]
    client.force_login(focal_ke)
    with django_assert_max_num_queries(15):
        response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200


def _training_items():
    """Items 2.1 with a lead-in and two topics (one citing a source) and 2.2 with a lead-in."""
    section = SectionFactory(number=2)
    training = ChecklistItemFactory(
        section=section,
        position=1,
        lead_in="Ensure all staff and volunteers are trained on;",
        text="The minimum standards and specific protection issues including:",
        emphasis=["minimum standards"],
    )
    TopicFactory(item=training, position=1, text="Recognising Trafficked People[^17]")
    TopicFactory(item=training, position=2, text="Psychological First Aid")
    ChecklistItemFactory(
        section=section,
        position=2,
        lead_in="Ensure all staff and volunteers have understood and signed:",
        text="Code of Conduct",
        emphasis=["Code of Conduct"],
    )
    return training


def test_an_answer_keeps_the_items_lead_in_marked_up_text_and_topics(kenya, focal_ke):
    _training_items()
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    answer = assessment.answers.get(item_code="2.1")
    assert answer.item_lead_in == "Ensure all staff and volunteers are trained on;"
    assert answer.item_markup.startswith("The minimum standards")
    assert answer.item_emphasis == ["minimum standards"]
    assert answer.item_topics == [
        {"text": "Recognising Trafficked People[^17]", "emphasis": []},
        {"text": "Psychological First Aid", "emphasis": []},
    ]


@pytest.mark.parametrize("submitted", [False, True], ids=["editable", "read-only"])
def test_the_section_page_shows_each_item_as_the_public_item_page_does(
    client, kenya, focal_ke, submitted
):
    _training_items()
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    if submitted:
        assessment_submit(assessment=answer_all(assessment), user=focal_ke)
    client.force_login(focal_ke)
    page = client.get(section_url(assessment, 2)).text
    assert '<p class="lead-in mb-1">Ensure all staff and volunteers are trained on;</p>' in page
    assert "The <strong>minimum standards</strong> and specific" in page
    assert '<li>Recognising Trafficked People<sup class="footnote-ref">' in page
    assert 'href="/sources/#source-17"' in page
    assert "<li>Psychological First Aid</li>" in page
    assert "have understood and signed:</p>" in page
    assert "<strong>Code of Conduct</strong>" in page


def test_under_each_item_the_portal_says_in_its_own_words_what_the_results_mean(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    page = client.get(section_url(kenya_assessment, 1)).text
    note = "The portal's note on answering: met means fully in place"
    assert page.count(note) == kenya_assessment.answers.filter(section_number=1).count()


def test_section_2_shows_the_six_training_topics_of_2_1_and_the_lead_in_of_2_2(
    client, guidance, kenya, focal_ke
):
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    client.force_login(focal_ke)
    page = client.get(section_url(assessment, 2)).text
    topics = ChecklistItem.objects.get(code="2.1").topics.all()
    assert len(topics) == 6
    for topic in topics:
        assert f"<li>{topic.plain_text()}" in page.replace("&#x27;", "'")
    assert ChecklistItem.objects.get(code="2.2").lead_in in page


def test_the_wording_answered_stays_when_the_guidance_is_edited_later(client, kenya, focal_ke):
    training = _training_items()
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    training.lead_in = "Train everyone on:"
    training.text = "Something else entirely"
    training.save()
    training.topics.filter(position=2).delete()
    training.topics.filter(position=1).update(text="A renamed course")
    answer = assessment.answers.get(item_code="2.1")
    assert answer.item_lead_in == "Ensure all staff and volunteers are trained on;"
    assert [topic["text"] for topic in answer.item_topics] == [
        "Recognising Trafficked People[^17]",
        "Psychological First Aid",
    ]
    client.force_login(focal_ke)
    page = client.get(section_url(assessment, 2)).text
    assert "<li>Psychological First Aid</li>" in page
    assert "A renamed course" not in page
    assert "Something else entirely" not in page


def test_the_migration_gives_answers_recorded_before_it_their_items_full_wording(kenya, focal_ke):
    _training_items()
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    assessment.answers.update(item_lead_in="", item_markup="", item_emphasis=[], item_topics=[])
    migration = importlib.import_module("standards.migrations.0002_answer_full_wording")

    migration.fill_item_wording(django_apps, None)

    training, conduct = assessment.answers.order_by("item_position")
    assert training.item_lead_in == "Ensure all staff and volunteers are trained on;"
    assert training.item_markup.startswith("The minimum standards")
    assert training.item_emphasis == ["minimum standards"]
    assert [topic["text"] for topic in training.item_topics] == [
        "Recognising Trafficked People[^17]",
        "Psychological First Aid",
    ]
    assert conduct.item_lead_in == "Ensure all staff and volunteers have understood and signed:"
    assert conduct.item_topics == []
