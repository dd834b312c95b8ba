"""The strategy in force, the continuity plan, and the decision derived from them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casemgmt.forms import STEP_FIELDS
from casemgmt.models import Continuity, ContinuityPlan, Decision, State, StepStatus, StrategyRecord
from casemgmt.services import continuity_plan_start, strategy_record_create
from casemgmt.tests.factories import ProtocolStepFactory, build_protocols
from tipguide.core.tests.factories import PassageFactory
from tipguide.core.tests.posting import form_as_shown, formset_data
from tipguide.core.tests.racing import needs_row_locks, race


@pytest.fixture
def protocols(db):
    return build_protocols()


@pytest.fixture
def kenya_plan(protocols, kenya, focal_ke):
    return continuity_plan_start(national_society=kenya, user=focal_ke)


def set_states(plan, **states):
    for code, state in states.items():
        StepStatus.objects.filter(plan=plan, step__code=code).update(state=state)


def in_force(society, strategy, user, days_ago=1):
    since = timezone.localdate() - timedelta(days=days_ago)
    strategy_record_create(national_society=society, user=user, strategy=strategy, since=since)


def plan_data(plan, changes=None):
    """The plan form as the browser posts it, with `changes` by step code."""
    statuses = plan.steps.select_related("step").order_by(
        "step__strategy__position", "step__position"
    )
    return {
        "version": str(plan.version),
        "referral_pathways_reviewed_on": "",
        "initial-referral_pathways_reviewed_on": "",
        **formset_data(statuses, STEP_FIELDS, changes, key=lambda status, index: status.step.code),
    }


def continuity_url(iso2="KE"):
    return reverse("casemgmt:continuity", args=[iso2])


# The decision rules


def test_without_a_recorded_strategy_there_is_no_decision(kenya_plan, kenya):
    """ "Countries can shift from one strategy to another rapidly": the decision waits for the
    strategy in force."""
    assert Continuity.of(kenya).decision.kind == Decision.NO_STRATEGY


def test_when_face_to_face_can_continue_it_does_with_distancing_and_ipc(
    protocols, kenya_plan, kenya, focal_ke
):
    """ "If static face to-face case management can continue, social/physical distancing
    measures should be implemented in institutions [...] and infection, prevention and control
    procedures can be implemented in sites where services are provided." """
    containment, _ = protocols
    set_states(kenya_plan, C1=State.NOT_IN_PLACE, D1=State.CANNOT_BE_UPHELD)
    in_force(kenya, containment, focal_ke)
    continuity = Continuity.of(kenya)
    assert continuity.record.face_to_face_can_continue
    assert continuity.decision.kind == Decision.FACE_TO_FACE
    assert continuity.decision.missing == ()
    assert [status.step.code for status in continuity.containment_gaps()] == ["C1", "C2"]


def test_when_face_to_face_cannot_continue_and_every_prerequisite_is_in_place_it_goes_remote(
    protocols, kenya_plan, kenya, focal_ke
):
    """ "If static face-to-face case management cannot continue then its recommended to operate
    remotely via phone or online based case management from caseworkers' homes." """
    _, delay = protocols
    set_states(kenya_plan, D1=State.IN_PLACE, D2=State.IN_PLACE, C1=State.NOT_IN_PLACE)
    in_force(kenya, delay, focal_ke)
    assert not StrategyRecord.objects.get().face_to_face_can_continue
    assert Continuity.of(kenya).decision.kind == Decision.REMOTE


def test_under_containment_without_face_to_face_services_case_management_goes_remote(
    protocols, kenya_plan, kenya, focal_ke
):
    """ "If your National Society is also subject to containment measures and are unable to
    provide face-to-face services, efforts should be made to provide these suggested activities
    and supports remotely." """
    containment, _ = protocols
    set_states(kenya_plan, D1=State.IN_PLACE, D2=State.IN_PLACE)
    strategy_record_create(
        national_society=kenya,
        user=focal_ke,
        strategy=containment,
        since=timezone.localdate(),
        face_to_face_can_continue=False,
    )
    assert Continuity.of(kenya).decision.kind == Decision.REMOTE


def test_a_prerequisite_that_cannot_be_upheld_means_shutdown_is_recommended_with_referral(
    protocols, kenya_plan, kenya, focal_ke
):
    """ "If the prerequisites mentioned above cannot be upheld to ensure the safety of the
    survivors, it is recommended to shutdown services temporarily. In that situation, then it is
    recommended that caseworkers refer survivors, upon their informed consent, to services that
    are still operational." """
    _, delay = protocols
    set_states(kenya_plan, D1=State.IN_PROGRESS, D2=State.CANNOT_BE_UPHELD)
    in_force(kenya, delay, focal_ke)
    decision = Continuity.of(kenya).decision
    assert decision.kind == Decision.SHUTDOWN
    assert decision.is_shutdown_recommended
    assert [(step.code, state) for step, state in decision.missing] == [
        ("D1", "In progress"),
        ("D2", "Cannot be upheld"),
    ]


@pytest.mark.parametrize("state", [State.IN_PROGRESS, State.NOT_IN_PLACE, ""])
def test_a_prerequisite_not_yet_in_place_means_remote_case_management_is_not_yet_safe(
    protocols, kenya_plan, kenya, focal_ke, state
):
    """ "In this instance, it's important to ensure that caseworkers" have each prerequisite: one
    merely in progress, not in place or not recorded is not yet a reason to shut down, only
    "If the prerequisites mentioned above cannot be upheld"."""
    _, delay = protocols
    set_states(kenya_plan, D1=State.IN_PLACE, D2=state)
    in_force(kenya, delay, focal_ke)
    decision = Continuity.of(kenya).decision
    assert decision.kind == Decision.REMOTE_NOT_YET_SAFE
    assert not decision.is_shutdown_recommended
    assert [step.code for step, _ in decision.missing] == ["D2"]


def test_without_a_plan_every_prerequisite_is_missing_and_remote_is_not_yet_safe(
    protocols, kenya, focal_ke
):
    """ "it's important to ensure that caseworkers" have each prerequisite: without a plan none
    is recorded."""
    _, delay = protocols
    in_force(kenya, delay, focal_ke)
    decision = Continuity.of(kenya).decision
    assert decision.kind == Decision.REMOTE_NOT_YET_SAFE
    assert [step.code for step, _ in decision.missing] == ["D1", "D2"]


def test_the_focal_point_records_that_face_to_face_can_continue_under_delay(
    client, protocols, kenya_plan, kenya, focal_ke
):
    client.force_login(focal_ke)
    response = client.post(
        reverse("casemgmt:strategy_change", args=["KE"]),
        {
            "strategy": protocols[1].pk,
            "since": timezone.localdate().isoformat(),
            "face_to_face_can_continue": "yes",
        },
    )
    assert response.status_code == 302
    assert StrategyRecord.objects.get().face_to_face_can_continue
    assert Continuity.of(kenya).decision.kind == Decision.FACE_TO_FACE


@pytest.mark.parametrize(("strategy", "expected"), [(0, True), (1, False)])
def test_left_to_the_guidance_face_to_face_continues_under_containment_only(
    client, protocols, kenya, focal_ke, strategy, expected
):
    client.force_login(focal_ke)
    page = client.get(reverse("casemgmt:strategy_change", args=["KE"]))
    assert "Can static face-to-face case management continue?" in page.text
    client.post(
        reverse("casemgmt:strategy_change", args=["KE"]),
        {"strategy": protocols[strategy].pk, "since": timezone.localdate().isoformat()},
    )
    assert StrategyRecord.objects.get().face_to_face_can_continue is expected


def test_the_latest_strategy_in_force_decides_and_earlier_ones_stay_as_history(
    protocols, kenya_plan, kenya, focal_ke
):
    containment, delay = protocols
    in_force(kenya, delay, focal_ke, days_ago=30)
    in_force(kenya, containment, focal_ke, days_ago=3)
    assert Continuity.of(kenya).decision.kind == Decision.FACE_TO_FACE
    assert StrategyRecord.objects.filter(national_society=kenya).count() == 2


# The pages


def test_a_focal_point_switches_to_delay_and_sees_shutdown_then_remote(
    client, protocols, kenya_plan, kenya, focal_ke
):
    PassageFactory(slug="shutdown-and-refer", text="It is recommended to shutdown services.")
    set_states(kenya_plan, D1=State.IN_PLACE, D2=State.IN_PLACE)
    client.force_login(focal_ke)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("casemgmt:strategy_change", args=["KE"]),
        {"strategy": protocols[1].pk, "since": today, "note": "Lockdown announced"},
    )
    assert response.status_code == 302
    kenya_plan.refresh_from_db()
    client.post(continuity_url(), plan_data(kenya_plan, {"D2": {"state": State.CANNOT_BE_UPHELD}}))
    page = client.get(continuity_url())
    assert "Temporary shutdown recommended, with referral" in page.text
    assert "(cannot be upheld)" in page.text
    assert 'href="#step-D2"' in page.text
    assert "It is recommended to shutdown services." in page.text
    assert (
        "caseworkers refer survivors, upon their informed consent, to services that are still "
        "operational. Alternatively, they inform survivors who to contact if they need help."
    ) in page.text
    kenya_plan.refresh_from_db()
    client.post(continuity_url(), plan_data(kenya_plan, {"D2": {"state": State.IN_PLACE}}))
    page = client.get(continuity_url())
    assert "Case management now: Remote case management" in page.text


def test_the_page_says_remote_is_not_yet_safe_names_the_gap_and_the_shutdown_recommendation(
    client, protocols, kenya_plan, kenya, focal_ke
):
    set_states(kenya_plan, D1=State.IN_PLACE, D2=State.IN_PROGRESS)
    in_force(kenya, protocols[1], focal_ke)
    client.force_login(focal_ke)
    page = client.get(continuity_url()).text
    assert "Case management now: Remote case management not yet safe" in page
    assert 'href="#step-D2"' in page and "(in progress)" in page
    assert 'href="#step-D1"' not in page.split("decision-heading")[1].split("</section>")[0]
    assert "the guidance recommends shutting down services temporarily, with referral" in page
    assert "refer survivors, upon their informed consent" in page
    society_page = client.get(kenya.get_absolute_url()).text
    assert "Remote case management is not yet safe: 1 prerequisite is not in place." in society_page


def test_the_page_shows_both_strategies_and_marks_the_one_in_force(
    client, protocols, kenya_plan, kenya, focal_ke
):
    in_force(kenya, protocols[0], focal_ke)
    client.force_login(focal_ke)
    text = client.get(continuity_url()).text
    assert text.count("in force</span>") == 1
    assert text.index("Containment strategy") < text.index("in force</span>")
    assert text.index("in force</span>") < text.index("Delay and mitigation")


def test_the_shutdown_asks_when_referral_pathways_were_last_reviewed(
    client, protocols, kenya_plan, kenya, focal_ke
):
    in_force(kenya, protocols[1], focal_ke)
    client.force_login(focal_ke)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = plan_data(kenya_plan)
    data["referral_pathways_reviewed_on"] = yesterday
    assert client.post(continuity_url(), data).status_code == 302
    kenya_plan.refresh_from_db()
    assert kenya_plan.referral_pathways_reviewed_on.isoformat() == yesterday
    page = client.get(reverse("society_detail", args=["KE"]))
    assert "Record when the referral pathways were last reviewed." not in page.text


def test_a_review_date_in_the_future_is_refused(client, kenya_plan, focal_ke):
    client.force_login(focal_ke)
    data = plan_data(kenya_plan)
    data["referral_pathways_reviewed_on"] = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(continuity_url(), data)
    assert response.status_code == 400
    assert "cannot be in the future" in response.text


def test_a_strategy_cannot_be_recorded_before_it_is_in_force(client, protocols, kenya, focal_ke):
    client.force_login(focal_ke)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("casemgmt:strategy_change", args=["KE"]),
        {"strategy": protocols[0].pk, "since": tomorrow},
    )
    assert response.status_code == 400
    assert not StrategyRecord.objects.exists()


def test_an_unknown_state_is_refused_and_nothing_changes(client, kenya_plan, focal_ke):
    client.force_login(focal_ke)
    response = client.post(continuity_url(), plan_data(kenya_plan, {"D1": {"state": "perhaps"}}))
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not StepStatus.objects.exclude(state="").exists()


def test_a_step_of_another_societys_plan_is_refused(
    client, kenya_plan, philippines, focal_ph, focal_ke
):
    other = continuity_plan_start(national_society=philippines, user=focal_ph)
    data = plan_data(kenya_plan, {"C1": {"state": State.IN_PLACE}})
    data["form-0-id"] = str(other.steps.first().pk)
    client.force_login(focal_ke)
    assert client.post(continuity_url(), data).status_code == 400
    assert not StepStatus.objects.exclude(state="").exists()


def test_a_stale_plan_save_overwrites_nothing_and_can_be_reapplied(client, kenya_plan, focal_ke):
    client.force_login(focal_ke)
    colleague = plan_data(kenya_plan, {"C1": {"state": State.IN_PLACE}})
    mine = plan_data(kenya_plan, {"C2": {"notes": "Phones ordered"}})
    assert client.post(continuity_url(), colleague).status_code == 302
    response = client.post(continuity_url(), mine)
    assert response.status_code == 409
    assert "Someone saved this plan after you opened the page" in response.text
    assert StepStatus.objects.get(step__code="C2").notes == ""
    assert client.post(continuity_url(), form_as_shown(response.text)).status_code == 302
    assert StepStatus.objects.get(step__code="C1").state == State.IN_PLACE
    assert StepStatus.objects.get(step__code="C2").notes == "Phones ordered"


def test_resaving_after_a_conflict_never_turns_cannot_be_upheld_back_to_in_place(
    client, kenya_plan, focal_ke
):
    set_states(kenya_plan, D1=State.IN_PLACE)
    kenya_plan.refresh_from_db()
    colleague = plan_data(kenya_plan, {"D1": {"state": State.CANNOT_BE_UPHELD}})
    mine = plan_data(kenya_plan, {"D1": {"notes": "Two phones left"}})
    client.force_login(focal_ke)
    assert client.post(continuity_url(), colleague).status_code == 302
    conflict = client.post(continuity_url(), mine)
    assert conflict.status_code == 409
    assert client.post(continuity_url(), form_as_shown(conflict.text)).status_code == 302
    step = StepStatus.objects.get(step__code="D1")
    assert (step.state, step.notes) == (State.CANNOT_BE_UPHELD, "Two phones left")


def test_the_referral_review_date_a_user_entered_survives_a_conflict(client, kenya_plan, focal_ke):
    colleague = plan_data(kenya_plan, {"C1": {"state": State.IN_PLACE}})
    mine = {**plan_data(kenya_plan), "referral_pathways_reviewed_on": "2026-01-15"}
    client.force_login(focal_ke)
    client.post(continuity_url(), colleague)
    conflict = client.post(continuity_url(), mine)
    assert conflict.status_code == 409
    assert client.post(continuity_url(), form_as_shown(conflict.text)).status_code == 302
    kenya_plan.refresh_from_db()
    assert kenya_plan.referral_pathways_reviewed_on.isoformat() == "2026-01-15"
    assert StepStatus.objects.get(step__code="C1").state == State.IN_PLACE


def test_notes_warn_against_personal_data(client, kenya_plan, focal_ke):
    client.force_login(focal_ke)
    assert "no names or personal data about survivors" in client.get(continuity_url()).text


def test_a_step_note_holding_an_id_number_is_saved_only_once_confirmed(
    client, kenya_plan, focal_ke
):
    client.force_login(focal_ke)
    data = plan_data(kenya_plan, {"C1": {"notes": "Case file A1234567 moved"}})
    refused = client.post(continuity_url(), data)
    assert refused.status_code == 400
    assert "This looks like it holds an ID-like number." in refused.text
    assert StepStatus.objects.get(step__code="C1").notes == ""
    confirmed = {**form_as_shown(refused.text), "form-0-no_personal_data": "on"}
    assert client.post(continuity_url(), confirmed).status_code == 302
    assert StepStatus.objects.get(step__code="C1").notes == "Case file A1234567 moved"


def test_a_manager_sees_the_plan_read_only_and_cannot_change_it(client, kenya_plan, manager_africa):
    client.force_login(manager_africa)
    page = client.get(continuity_url())
    assert page.status_code == 200
    assert "Save the plan" not in page.text
    response = client.post(
        continuity_url(), plan_data(kenya_plan, {"C1": {"state": State.IN_PLACE}})
    )
    assert response.status_code == 403
    assert not StepStatus.objects.exclude(state="").exists()


def test_starting_a_plan_adds_a_row_for_every_step_including_new_ones(
    client, protocols, kenya, focal_ke
):
    client.force_login(focal_ke)
    response = client.post(reverse("casemgmt:continuity_start", args=["KE"]))
    assert response.status_code == 302
    assert StepStatus.objects.filter(plan__national_society=kenya).count() == 4
    ProtocolStepFactory(strategy=protocols[1], code="D9", is_prerequisite=True)
    client.post(reverse("casemgmt:continuity_start", args=["KE"]))
    assert StepStatus.objects.filter(plan__national_society=kenya).count() == 5


@pytest.mark.parametrize("steps", [2, 12])
@pytest.mark.parametrize("url_name", ["casemgmt:continuity", "society_detail"])
def test_continuity_pages_need_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, kenya, focal_ke, steps, url_name
):
    containment, delay = build_protocols(steps)
    continuity_plan_start(national_society=kenya, user=focal_ke)
    for days_ago in range(steps):
        in_force(kenya, delay if days_ago % 2 else containment, focal_ke, days_ago=days_ago)
    client.force_login(focal_ke)
    with django_assert_max_num_queries(19):
        response = client.get(reverse(url_name, args=["KE"]))
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_focal_points_starting_the_plan_at_once_share_one_plan_without_an_error(
    protocols, kenya, focal_ke
):
    needs_row_locks()
    for _ in range(5):
        outcomes = race(
            lambda: continuity_plan_start(national_society=kenya, user=focal_ke),
            lambda: continuity_plan_start(national_society=kenya, user=focal_ke),
        )
        assert all(isinstance(outcome, ContinuityPlan) for outcome in outcomes), outcomes
        assert StepStatus.objects.filter(plan__national_society=kenya).count() == 4
        ContinuityPlan.objects.all().delete()
