"""The dashboard's rows read the scores kept when each assessment was handed in, and the
decisions from the few fields the rule reads: after every kind of change they equal the figures
computed from scratch, from every answer and the whole continuity plan."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from casemgmt.models import Continuity, State
from casemgmt.services import continuity_plan_save, continuity_plan_start, strategy_record_create
from casemgmt.tests.factories import build_protocols
from standards.models import Assessment, Progress, Result
from standards.services import (
    assessment_answers_save,
    assessment_review,
    assessment_start,
    assessment_submit,
)
from tipguide.core.tests.posting import change_form_data
from tipguide.front import readiness
from tipguide.organisations.models import NationalSociety
from tipguide.organisations.tests.factories import SocietyProfileFactory

SCORED = (Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED)


def from_scratch(society) -> dict:
    """A National Society's row as the dashboard first computed it: every answer counted."""
    cycles = list(society.assessments.order_by("-created_at"))
    reviewed = [cycle for cycle in cycles if cycle.status == Assessment.Status.REVIEWED]
    headline = reviewed[0] if reviewed else (cycles[0] if cycles else None)
    scored = headline is not None and headline.status in SCORED
    sections = {s.number: s.score for s in headline.section_progress()} if scored else {}
    decision = Continuity.of(society).decision
    return {
        "status": headline.status if headline else readiness.NO_ASSESSMENT,
        "assessment": headline.pk if headline else None,
        "in_progress": cycles[0].pk if cycles and cycles[0] != headline else None,
        "score": Progress.of(headline.answers.all()).score if scored else None,
        "section_scores": [sections.get(number) for number in readiness.SECTIONS],
        "decision": decision.kind,
        "strategy": decision.strategy.name if decision.strategy else None,
    }


def as_shown(row) -> dict:
    return {
        "status": row.status,
        "assessment": row.assessment.pk if row.assessment else None,
        "in_progress": row.in_progress.pk if row.in_progress else None,
        "score": row.score,
        "section_scores": row.section_scores,
        "decision": row.decision.kind,
        "strategy": row.decision.strategy.name if row.decision.strategy else None,
    }


def assert_rows_equal_the_figures_from_scratch():
    rows = readiness.society_rows(NationalSociety.objects.all())
    societies = NationalSociety.objects.in_bulk()
    assert rows
    for row in rows:
        assert as_shown(row) == from_scratch(societies[row.society.pk]), row.society.iso2


def save_answers(assessment, user, *results):
    """Answer the assessment's items with `results`, in item order, as the section page does."""
    assessment.refresh_from_db()
    answers = list(assessment.answers.order_by("section_number", "item_position"))
    for answer, result in zip(answers, results, strict=False):
        answer.result = result
        answer.reason = "No programme" if result == Result.NOT_APPLICABLE else ""
    assessment_answers_save(
        assessment=assessment, user=user, version=assessment.version, answers=answers
    )
    assessment.refresh_from_db()
    return assessment


ALL_MET = ["met"] * 7
MIXED = ["met", "partly", "n/a", "not-met", "met", "partly", "not-met"]


@pytest.fixture
def world(catalogue, kenya, philippines, focal_ke, focal_ph, manager):
    """Kenya reviewed with a strategy and a plan; the Philippines a draft, nothing else."""
    _, delay = build_protocols(2)
    assessment = assessment_start(national_society=kenya, user=focal_ke)
    assessment_submit(assessment=save_answers(assessment, focal_ke, *MIXED), user=focal_ke)
    assessment_review(assessment=assessment, user=manager, accept=True, comment="")
    save_answers(assessment_start(national_society=philippines, user=focal_ph), focal_ph, "met")
    continuity_plan_start(national_society=kenya, user=focal_ke)
    return {"kenya": kenya, "philippines": philippines, "focal_ke": focal_ke,
            "focal_ph": focal_ph, "manager": manager, "reviewed": assessment,
            "delay": delay}  # fmt: skip


def answer_saved(world, **_):
    save_answers(world["philippines"].assessments.get(), world["focal_ph"], "partly", "not-met")


def submitted(world, **_):
    draft = save_answers(world["philippines"].assessments.get(), world["focal_ph"], *MIXED)
    assessment_submit(assessment=draft, user=world["focal_ph"])


def reviewed(world, **_):
    submitted(world)
    assessment = world["philippines"].assessments.get()
    assessment_review(assessment=assessment, user=world["manager"], accept=True, comment="")


def returned_changed_and_handed_in_again(world, **_):
    submitted(world)
    assessment = world["philippines"].assessments.get()
    assessment_review(assessment=assessment, user=world["manager"], accept=False, comment="Why?")
    assert_rows_equal_the_figures_from_scratch()
    assessment_submit(
        assessment=save_answers(assessment, world["focal_ph"], *ALL_MET), user=world["focal_ph"]
    )


def new_cycle_started(world, **_):
    newer = assessment_start(
        national_society=world["kenya"], user=world["focal_ke"], from_previous=True
    )
    assert_rows_equal_the_figures_from_scratch()
    assessment_submit(assessment=save_answers(newer, world["focal_ke"], *ALL_MET),
                      user=world["focal_ke"])  # fmt: skip


def deleted(world, **_):
    world["philippines"].assessments.get().delete()
    world["reviewed"].delete()


def strategy_changed(world, **_):
    strategy = world["delay"]
    strategy_record_create(
        national_society=world["kenya"], user=world["focal_ke"], strategy=strategy,
        since="2020-04-01",
    )  # fmt: skip
    assert_rows_equal_the_figures_from_scratch()
    strategy_record_create(
        national_society=world["kenya"], user=world["focal_ke"], strategy=strategy,
        since="2020-05-01", face_to_face_can_continue=True,
    )  # fmt: skip


def continuity_plan_changed(world, **_):
    strategy_record_create(
        national_society=world["kenya"], user=world["focal_ke"], strategy=world["delay"],
        since="2020-04-01",
    )  # fmt: skip
    plan = world["kenya"].continuity_plan
    for states in ([State.IN_PLACE] * 4, [State.CANNOT_BE_UPHELD] * 4):
        plan.refresh_from_db()
        statuses = list(plan.steps.order_by("step__code"))
        for status, state in zip(statuses, states, strict=True):
            status.state = state
        continuity_plan_save(
            plan=plan, user=world["focal_ke"], version=plan.version, statuses=statuses
        )
        assert_rows_equal_the_figures_from_scratch()


def profile_changed(world, **_):
    SocietyProfileFactory(national_society=world["kenya"], has_tip_programmes_or_services=True)
    newer = assessment_start(national_society=world["kenya"], user=world["focal_ke"])
    assert newer.includes_specialised_measures
    assessment_submit(assessment=save_answers(newer, world["focal_ke"], *MIXED),
                      user=world["focal_ke"])  # fmt: skip


def edited_in_the_admin(world, admin_client, **_):
    strategy = world["delay"]
    strategy_record_create(
        national_society=world["kenya"], user=world["focal_ke"], strategy=strategy,
        since="2020-04-01",
    )  # fmt: skip
    url = reverse("admin:casemgmt_strategy_change", args=[strategy.pk])
    changes = {"name": "Delay, as an editor renamed it", "change_reason": "Clearer name"}
    data = change_form_data(admin_client.get(url), changes)
    assert admin_client.post(url, data).status_code == 302
    world["kenya"].region.name = "Africa, renamed"
    world["kenya"].region.save()


CHANGES = [
    answer_saved,
    submitted,
    reviewed,
    returned_changed_and_handed_in_again,
    new_cycle_started,
    deleted,
    strategy_changed,
    continuity_plan_changed,
    profile_changed,
    edited_in_the_admin,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_the_rows_equal_the_figures_from_scratch_after_each_kind_of_change(
    world, admin_client, change
):
    assert_rows_equal_the_figures_from_scratch()
    change(world=world, admin_client=admin_client)
    assert_rows_equal_the_figures_from_scratch()


def test_submitting_keeps_each_sections_score_beside_the_score(world):
    assessment = world["reviewed"]
    assessment.refresh_from_db()
    assert assessment.section_scores == {"1": 0.75, "2": 0.5}
    assert assessment.section_scores == assessment.section_scores_now()


def test_the_migration_keeps_the_section_scores_of_assessments_handed_in_before(world):
    submitted(world)
    Assessment.objects.update(section_scores={})
    migration = importlib.import_module("standards.migrations.0005_assessment_section_scores")
    migration.fill_section_scores(apps, None)
    for assessment in Assessment.objects.all():
        expected = assessment.section_scores_now() if assessment.score is not None else {}
        assert assessment.section_scores == expected
    assert_rows_equal_the_figures_from_scratch()


def test_the_demo_data_gives_the_figures_from_scratch(demo_data):
    assert Assessment.objects.filter(status__in=SCORED).exists()
    assert_rows_equal_the_figures_from_scratch()
