"""The action plan is a living work plan: focal points move each action on from the plan page."""

from datetime import timedelta
from functools import partial
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from standards import services
from standards.models import ActionStatus, Answer, Assessment, Priority, Result
from standards.services import (
    action_update,
    assessment_answers_save,
    assessment_review,
    assessment_start,
    assessment_submit,
)
from standards.tests.action_posting import action_data
from standards.tests.factories import answer_all, build_catalogue
from standards.tests.posting import section_data, section_url
from tipguide.core.services import Stale
from tipguide.core.tests.posting import form_as_shown
from tipguide.core.tests.racing import needs_row_locks, race
from tipguide.organisations.tests.factories import SocietyProfileFactory

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)
NEXT_MONTH = TODAY + timedelta(days=30)


def plan_url(assessment):
    return reverse("standards:assessment_actions", args=[assessment.pk])


def action_url(assessment, code):
    return reverse("standards:assessment_action", args=[assessment.pk, code])


def make_action(assessment, code="1.1", **fields):
    """Mark the item not met, with a next step: an action of the plan."""
    fields = {"result": Result.NOT_MET, "next_step": "Train branch staff", **fields}
    assessment.answers.filter(item_code=code).update(**fields)
    return assessment.answers.get(item_code=code)


def update(answer, user, **changes):
    values = {
        "action_status": answer.action_status,
        "priority": answer.priority,
        "due_date": answer.due_date,
        **changes,
    }
    return action_update(answer=answer, user=user, version=answer.action_version, **values)


ACTION_HEADER = [
    "Item",
    "Standard",
    "Result",
    "Status",
    "Priority",
    "Next step",
    "Owner (role)",
    "Due date",
    "Overdue",
    "Completed on",
    "Notes",
    "Evidence",
]


# The model and the service


def test_a_new_action_is_to_do_with_medium_priority(kenya_assessment):
    answer = make_action(kenya_assessment)
    assert (answer.action_status, answer.priority, answer.completed_on) == (
        ActionStatus.TO_DO,
        Priority.MEDIUM,
        None,
    )


def test_an_action_is_overdue_when_not_done_and_its_due_date_has_passed(kenya_assessment):
    late = make_action(kenya_assessment, "1.1", due_date=YESTERDAY)
    done_late = make_action(
        kenya_assessment,
        "1.2",
        due_date=YESTERDAY,
        action_status=ActionStatus.DONE,
        completed_on=YESTERDAY,
    )
    due_today = make_action(kenya_assessment, "1.3", due_date=TODAY)
    assert late.is_overdue()
    assert not done_late.is_overdue()
    assert not due_today.is_overdue()
    assert list(kenya_assessment.answers.overdue()) == [late]


def test_marking_an_action_done_records_the_day_and_reopening_it_clears_it(
    kenya_assessment, focal_ke
):
    answer = make_action(kenya_assessment)
    update(answer, focal_ke, action_status=ActionStatus.DONE)
    answer.refresh_from_db()
    assert (answer.action_status, answer.completed_on) == (ActionStatus.DONE, TODAY)

    update(answer, focal_ke, action_status=ActionStatus.IN_PROGRESS)
    answer.refresh_from_db()
    assert (answer.action_status, answer.completed_on) == (ActionStatus.IN_PROGRESS, None)


def test_a_done_action_without_its_completion_date_is_refused(kenya_assessment):
    answer = make_action(kenya_assessment)
    answer.action_status = ActionStatus.DONE
    with pytest.raises(ValidationError, match="date it was completed"):
        answer.full_clean()


def test_a_stale_action_update_changes_nothing(kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    shown = answer.action_version
    update(answer, focal_ke, priority=Priority.HIGH)
    with pytest.raises(Stale):
        action_update(
            answer=answer,
            user=focal_ke,
            version=shown,
            action_status=ActionStatus.DONE,
            priority=Priority.MEDIUM,
            due_date=None,
        )
    answer.refresh_from_db()
    assert (answer.action_status, answer.priority) == (ActionStatus.TO_DO, Priority.HIGH)


def test_a_status_change_leaves_the_assessments_version_alone(kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    update(answer, focal_ke, action_status=ActionStatus.IN_PROGRESS)
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.version == 1


def test_a_new_due_date_moves_the_assessments_version_on(kenya_assessment, focal_ke):
    """The section's form edits the same date: a page opened before must not write it back."""
    answer = make_action(kenya_assessment)
    update(answer, focal_ke, due_date=NEXT_MONTH)
    kenya_assessment.refresh_from_db()
    answer.refresh_from_db()
    assert kenya_assessment.version == 2
    assert (answer.due_date, answer.changed_in_version) == (NEXT_MONTH, 2)


def test_a_manager_may_not_update_an_action(kenya_assessment, manager_africa):
    answer = make_action(kenya_assessment)
    with pytest.raises(PermissionDenied):
        update(answer, manager_africa, action_status=ActionStatus.DONE)


def test_a_new_due_date_in_the_past_is_refused_but_a_stored_one_stays_valid(
    kenya_assessment, focal_ke
):
    answer = make_action(kenya_assessment, due_date=YESTERDAY - timedelta(days=7))
    with pytest.raises(ValidationError, match="cannot be in the past"):
        update(answer, focal_ke, due_date=YESTERDAY)
    update(answer, focal_ke, action_status=ActionStatus.IN_PROGRESS)
    answer.refresh_from_db()
    assert answer.action_status == ActionStatus.IN_PROGRESS


def test_a_section_save_keeps_the_status_set_on_the_plan_page(kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    loaded_before = Answer.objects.get(pk=answer.pk)
    update(answer, focal_ke, action_status=ActionStatus.DONE)
    loaded_before.notes = "Training held in three branches"
    assessment_answers_save(
        assessment=kenya_assessment, user=focal_ke, version=1, answers=[loaded_before]
    )
    answer.refresh_from_db()
    assert (answer.action_status, answer.completed_on) == (ActionStatus.DONE, TODAY)
    assert answer.notes == "Training held in three branches"


def test_editing_another_item_does_not_make_an_action_stale(kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment, "1.1")
    other = kenya_assessment.answers.get(item_code="1.2")
    other.result = Result.NOT_MET
    assessment_answers_save(assessment=kenya_assessment, user=focal_ke, version=1, answers=[other])
    update(answer, focal_ke, action_status=ActionStatus.IN_PROGRESS)
    answer.refresh_from_db()
    assert answer.action_status == ActionStatus.IN_PROGRESS


def test_changing_an_actions_next_step_in_the_section_makes_the_plan_page_stale(
    kenya_assessment, focal_ke
):
    answer = make_action(kenya_assessment)
    shown = answer.action_version
    edited = Answer.objects.get(pk=answer.pk)
    edited.next_step = "Train every branch"
    assessment_answers_save(assessment=kenya_assessment, user=focal_ke, version=1, answers=[edited])
    with pytest.raises(Stale):
        action_update(
            answer=answer,
            user=focal_ke,
            version=shown,
            action_status=ActionStatus.DONE,
            priority=Priority.MEDIUM,
            due_date=None,
        )


def _reviewed(assessment, focal_point, manager):
    assessment_submit(assessment=assessment, user=focal_point)
    assessment_review(assessment=assessment, user=manager, accept=True, comment="")


def test_the_next_cycle_carries_open_actions_over_and_not_done_ones(
    kenya_assessment, kenya, focal_ke, manager
):
    answer_all(kenya_assessment)
    make_action(
        kenya_assessment,
        "1.1",
        owner_role="Head of PGI",
        due_date=NEXT_MONTH,
        action_status=ActionStatus.IN_PROGRESS,
        priority=Priority.HIGH,
    )
    make_action(
        kenya_assessment,
        "1.2",
        result=Result.PARTLY_MET,
        next_step="Map referral pathways",
        owner_role="PGI focal point",
        due_date=YESTERDAY,
        notes="Pathways mapped in two regions",
        evidence="Referral map, 2026",
        action_status=ActionStatus.DONE,
        completed_on=YESTERDAY,
    )
    _reviewed(kenya_assessment, focal_ke, manager)

    follow_up = assessment_start(national_society=kenya, user=focal_ke, from_previous=True)

    carried = follow_up.answers.get(item_code="1.1")
    assert (
        carried.result,
        carried.next_step,
        carried.owner_role,
        carried.due_date,
        carried.action_status,
        carried.priority,
    ) == (
        Result.NOT_MET,
        "Train branch staff",
        "Head of PGI",
        NEXT_MONTH,
        ActionStatus.IN_PROGRESS,
        Priority.HIGH,
    )
    done = follow_up.answers.get(item_code="1.2")
    assert (done.result, done.next_step, done.owner_role, done.due_date) == ("", "", "", None)
    assert (done.notes, done.evidence) == ("Pathways mapped in two regions", "Referral map, 2026")
    assert list(follow_up.answers.needing_action()) == [carried]
    assert follow_up.answers.get(item_code="1.3").result == Result.MET


def test_a_carried_over_overdue_date_can_be_saved_as_it_is(
    client, kenya_assessment, kenya, focal_ke, manager
):
    answer_all(kenya_assessment)
    make_action(kenya_assessment, "1.1", due_date=YESTERDAY)
    _reviewed(kenya_assessment, focal_ke, manager)
    follow_up = assessment_start(national_society=kenya, user=focal_ke, from_previous=True)
    client.force_login(focal_ke)
    data = section_data(follow_up, 1, {"1.1": {"notes": "Rescheduled with the branches"}})
    assert client.post(section_url(follow_up, 1), data).status_code == 302
    assert follow_up.answers.get(item_code="1.1").due_date == YESTERDAY


# The pages


def test_a_focal_point_moves_an_action_on_from_the_plan_page(client, kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    client.force_login(focal_ke)
    response = client.post(
        action_url(kenya_assessment, "1.1"),
        action_data(answer, action_status="in-progress", priority="high"),
    )
    assert response.status_code == 302
    assert response["Location"] == plan_url(kenya_assessment) + "#action-1.1"
    answer.refresh_from_db()
    assert (answer.action_status, answer.priority) == ("in-progress", "high")
    page = client.get(response["Location"])
    assert "Action 1.1 saved: in progress, high priority." in page.text
    card = page.text[page.text.index('id="action-1.1"') :]
    assert card.index('<p class="action-saved">Saved.</p>') < card.index("</tr>")


@pytest.mark.parametrize("status", ["submitted", "reviewed"])
def test_the_plan_stays_live_once_the_assessment_is_handed_in(
    client, kenya_assessment, focal_ke, manager, status
):
    answer_all(kenya_assessment)
    answer = make_action(kenya_assessment)
    assessment_submit(assessment=kenya_assessment, user=focal_ke)
    if status == "reviewed":
        assessment_review(assessment=kenya_assessment, user=manager, accept=True, comment="")
    client.force_login(focal_ke)
    page = client.get(plan_url(kenya_assessment))
    assert f'action="{action_url(kenya_assessment, "1.1")}#action-1.1"' in page.text
    response = client.post(
        action_url(kenya_assessment, "1.1"), action_data(answer, action_status="done")
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.action_status, answer.completed_on) == ("done", TODAY)
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.status == status


def test_a_stale_update_answers_409_and_keeps_the_users_change(client, kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    mine = action_data(answer, action_status="done")
    colleague = action_data(answer, priority="high")
    client.force_login(focal_ke)
    assert client.post(action_url(kenya_assessment, "1.1"), colleague).status_code == 302

    conflict = client.post(action_url(kenya_assessment, "1.1"), mine)

    assert conflict.status_code == 409
    assert "Someone changed action 1.1 after you opened the page" in conflict.text
    answer.refresh_from_db()
    assert (answer.action_status, answer.priority) == ("to-do", "high")
    shown = form_as_shown(conflict.text)  # the last form of the page: the only action's
    assert shown["action-1.1-action_status"] == "done"
    assert shown["action-1.1-priority"] == "high"
    assert client.post(action_url(kenya_assessment, "1.1"), shown).status_code == 302
    answer.refresh_from_db()
    assert (answer.action_status, answer.priority) == ("done", "high")


def test_both_changing_the_same_field_asks_which_to_keep(client, kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    mine = action_data(answer, priority="low")
    client.force_login(focal_ke)
    client.post(action_url(kenya_assessment, "1.1"), action_data(answer, priority="high"))
    conflict = client.post(action_url(kenya_assessment, "1.1"), mine)
    assert conflict.status_code == 409
    assert "Keep yours: Low" in conflict.text
    assert "Keep the saved one: High" in conflict.text


def test_a_due_date_in_the_past_is_refused_with_a_message(client, kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    client.force_login(focal_ke)
    response = client.post(
        action_url(kenya_assessment, "1.1"), action_data(answer, due_date=YESTERDAY.isoformat())
    )
    assert response.status_code == 400
    assert "A new due date cannot be in the past: choose today or a later date." in response.text
    assert '<details class="action-due" open>' in response.text
    answer.refresh_from_db()
    assert answer.due_date is None


def test_the_answer_form_refuses_a_due_date_in_the_past(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    data = section_data(
        kenya_assessment, 1, {"1.1": {"result": "not-met", "due_date": YESTERDAY.isoformat()}}
    )
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response.status_code == 400
    assert "A new due date cannot be in the past: choose today or a later date." in response.text
    assert kenya_assessment.answers.get(item_code="1.1").result == ""


def test_an_older_assessments_past_due_date_stays_valid_in_the_answer_form(
    client, kenya_assessment, focal_ke
):
    make_action(kenya_assessment, due_date=YESTERDAY)
    client.force_login(focal_ke)
    data = section_data(kenya_assessment, 1, {"1.1": {"owner_role": "Head of PGI"}})
    assert client.post(section_url(kenya_assessment, 1), data).status_code == 302
    assert kenya_assessment.answers.get(item_code="1.1").owner_role == "Head of PGI"


@pytest.mark.parametrize(
    ("changes", "version"),
    [
        ({"action_status": "finished"}, None),
        ({"priority": "urgent"}, None),
        ({"due_date": "31/12/2030"}, None),
        ({}, "not-a-number"),
    ],
)
def test_malformed_input_is_refused_with_400(client, kenya_assessment, focal_ke, changes, version):
    answer = make_action(kenya_assessment)
    client.force_login(focal_ke)
    data = action_data(answer, **changes)
    if version:
        data["action-1.1-version"] = version
    response = client.post(action_url(kenya_assessment, "1.1"), data)
    assert response.status_code == 400
    answer.refresh_from_db()
    assert (answer.action_status, answer.priority, answer.action_version) == ("to-do", "medium", 1)


def test_an_item_that_needs_no_action_has_no_action_to_update(client, kenya_assessment, focal_ke):
    answer = kenya_assessment.answers.get(item_code="1.1")
    client.force_login(focal_ke)
    response = client.post(action_url(kenya_assessment, "1.1"), action_data(answer))
    assert response.status_code == 404


def test_a_manager_sees_status_and_priority_without_forms(client, kenya_assessment, manager):
    make_action(kenya_assessment, priority=Priority.HIGH, action_status=ActionStatus.IN_PROGRESS)
    client.force_login(manager)
    page = client.get(plan_url(kenya_assessment)).text
    assert "In progress" in page
    assert "High priority" in page
    assert "action-form" not in page


def test_the_plan_page_shows_owner_due_date_overdue_status_and_priority(
    client, kenya_assessment, focal_ke
):
    make_action(kenya_assessment, owner_role="Head of PGI", due_date=YESTERDAY)
    client.force_login(focal_ke)
    page = client.get(plan_url(kenya_assessment)).text
    assert '<td data-label="Owner (role)">Head of PGI</td>' in page
    assert YESTERDAY.strftime("%-d %b %Y") in page
    assert '<strong class="overdue-label">Overdue</strong>' in page
    assert '<option value="to-do" selected>To do</option>' in page
    assert '<option value="medium" selected>Medium</option>' in page


def test_the_plan_filters_by_status(client, kenya_assessment, focal_ke):
    make_action(kenya_assessment, "1.1", action_status=ActionStatus.IN_PROGRESS)
    make_action(kenya_assessment, "1.2")
    client.force_login(focal_ke)
    page = client.get(plan_url(kenya_assessment), {"status": "in-progress"}).text
    assert 'id="action-1.1"' in page
    assert 'id="action-1.2"' not in page
    assert "In progress (1)" in page
    assert "To do (1)" in page
    everything = client.get(plan_url(kenya_assessment), {"status": "nonsense"}).text
    assert 'id="action-1.2"' in everything


def test_a_plan_a_later_assessment_took_over_is_read_only(
    client, kenya_assessment, kenya, focal_ke, manager
):
    answer_all(kenya_assessment)
    answer = make_action(kenya_assessment)
    _reviewed(kenya_assessment, focal_ke, manager)
    assessment_start(national_society=kenya, user=focal_ke, from_previous=True)
    client.force_login(focal_ke)
    page = client.get(plan_url(kenya_assessment)).text
    assert "A later assessment has taken this action plan over" in page
    assert "action-form" not in page
    response = client.post(action_url(kenya_assessment, "1.1"), action_data(answer))
    assert response.status_code == 403


def test_the_history_shows_who_changed_an_actions_status(client, kenya_assessment, focal_ke):
    answer = make_action(kenya_assessment)
    answer.save()  # a first record to compare with
    update(answer, focal_ke, action_status=ActionStatus.DONE)
    client.force_login(focal_ke)
    page = client.get(reverse("standards:assessment_history", args=[kenya_assessment.pk])).text
    assert "<ins>Done</ins>" in page


def test_the_csv_carries_status_priority_notes_and_evidence(client, kenya_assessment, focal_ke):
    make_action(
        kenya_assessment,
        priority=Priority.HIGH,
        action_status=ActionStatus.DONE,
        completed_on=TODAY,
        notes="Two branches trained",
        evidence="=Attendance sheets",
    )
    client.force_login(focal_ke)
    response = client.get(reverse("standards:assessment_actions_csv", args=[kenya_assessment.pk]))
    header, row = response.content.decode("utf-8-sig").splitlines()
    assert header.split(",")[3:5] == ["status", "priority"]
    assert header.split(",")[-3:] == ["completed_on", "notes", "evidence"]
    assert row.endswith(
        f",Done,High,Train branch staff,,,,{TODAY},Two branches trained,'=Attendance sheets"
    )


def test_the_xlsx_carries_the_same_columns_with_dates_as_dates(client, kenya_assessment, focal_ke):
    make_action(
        kenya_assessment, priority=Priority.LOW, due_date=NEXT_MONTH, notes="Started", evidence="="
    )
    client.force_login(focal_ke)
    response = client.get(reverse("standards:assessment_actions_xlsx", args=[kenya_assessment.pk]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    caption, header, row = (list(values) for values in sheet.iter_rows(values_only=True))
    assert caption[0].startswith("Action plan of Kenya Red Cross Society, assessment started ")
    assert header == ACTION_HEADER
    assert row[0] == "1.1"
    assert row[3:6] == ["To do", "Low", "Train branch staff"]
    assert row[7].date() == NEXT_MONTH
    assert row[-2:] == ["Started", "'="]


def test_the_dashboards_xlsx_action_plans_carry_status_priority_notes_and_evidence(
    client, kenya_assessment, manager
):
    make_action(
        kenya_assessment,
        priority=Priority.HIGH,
        action_status=ActionStatus.DONE,
        completed_on=TODAY,
        notes="Two branches trained",
        evidence="Attendance sheets",
    )
    client.force_login(manager)
    workbook = load_workbook(BytesIO(client.get(reverse("dashboard_xlsx")).content))
    header, *rows = workbook["Action plans"].iter_rows(min_row=2, values_only=True)
    assert header[4:6] == ("Status", "Priority")
    assert header[-3:] == ("Completed on", "Notes", "Evidence")
    (kenya,) = [row for row in rows if row[1] == "KE"]
    assert kenya[4:6] == ("Done", "High")
    assert kenya[-3].date() == TODAY
    assert kenya[-2:] == ("Two branches trained", "Attendance sheets")


@pytest.mark.parametrize("items_per_section", [(3, 2, 2), (30, 20, 25)])
@pytest.mark.parametrize(
    "url_name",
    [
        "standards:assessment_actions",
        "standards:assessment_actions_csv",
        "standards:assessment_actions_xlsx",
    ],
)
def test_the_plan_and_its_exports_need_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, kenya, focal_ke, items_per_section, url_name
):
    build_catalogue(items_per_section)
    SocietyProfileFactory(national_society=kenya, runs_tip_services=True)
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    statuses = list(ActionStatus)
    for index, answer in enumerate(assessment.answers.all()):
        answer.result, answer.next_step, answer.owner_role = Result.NOT_MET, "Plan", "Head"
        answer.due_date = NEXT_MONTH if index % 2 else YESTERDAY
        answer.set_action_status(statuses[index % 3])
        answer.save()
    client.force_login(focal_ke)
    # As every assessment page: the session and user, the role checks, the assessment, its answers.
    with django_assert_max_num_queries(11):
        response = client.get(reverse(url_name, args=[assessment.pk]))
    assert response.status_code == 200
    assert Assessment.objects.get(pk=assessment.pk).answers.needing_action().count() == sum(
        items_per_section
    )


def test_a_change_between_the_forms_checks_and_the_save_is_refused_with_400(
    client, kenya_assessment, focal_ke, monkeypatch
):
    answer = make_action(kenya_assessment)

    def refuse(due_date, *, stored, today=None):
        raise ValidationError("A new due date cannot be in the past: choose today or a later date.")

    monkeypatch.setattr(services, "due_date_check", refuse)
    client.force_login(focal_ke)
    response = client.post(action_url(kenya_assessment, "1.1"), action_data(answer, priority="low"))
    assert response.status_code == 400
    assert "Action 1.1 was not saved." in response.text
    answer.refresh_from_db()
    assert (answer.priority, answer.action_version) == ("medium", 1)


@pytest.mark.django_db(transaction=True)
def test_a_status_change_racing_a_section_save_of_the_same_item_keeps_both(
    catalogue, kenya, focal_ke
):
    needs_row_locks()
    for _ in range(10):
        assessment = assessment_start(national_society=kenya, user=focal_ke)
        answer = make_action(assessment)
        edited = Answer.objects.get(pk=answer.pk)
        edited.notes = "Two branches trained"
        outcomes = race(
            partial(update, answer, focal_ke, action_status=ActionStatus.DONE),
            partial(
                assessment_answers_save,
                assessment=assessment,
                user=focal_ke,
                version=1,
                answers=[edited],
            ),
        )
        assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
        answer.refresh_from_db()
        assert (answer.action_status, answer.notes) == (ActionStatus.DONE, "Two branches trained")
        Assessment.objects.filter(pk=assessment.pk).delete()


def test_a_done_action_is_not_reminded_nor_counted_overdue(client, kenya_assessment, focal_ke):
    make_action(kenya_assessment, "1.1", next_step="Still to train", due_date=YESTERDAY)
    make_action(
        kenya_assessment,
        "1.2",
        next_step="Already trained",
        due_date=YESTERDAY,
        action_status=ActionStatus.DONE,
        completed_on=YESTERDAY,
    )
    call_command("send_reminders", stdout=StringIO())
    (digest,) = mail.outbox
    assert "Still to train" in digest.body
    assert "Already trained" not in digest.body
    client.force_login(focal_ke)
    society = client.get(reverse("society_detail", args=["KE"])).text
    assert "1 action of the action plan is overdue." in society
