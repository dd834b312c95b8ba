"""Writes to a National Society's case-management continuity records."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tipguide.core.services import Stale, version_claim
from tipguide.organisations.models import NationalSociety

from .models import ContinuityPlan, ProtocolStep, StepStatus, Strategy, StrategyRecord


def strategy_record_create(
    *,
    national_society: NationalSociety,
    user,
    strategy: Strategy,
    since,
    note: str = "",
    face_to_face_can_continue: bool | None = None,
) -> StrategyRecord:
    """Record the government strategy in force from `since`, and whether static face-to-face
    case management can continue (by default, what the strategy suggests); earlier records stay
    as history."""
    if not national_society.can_edit(user):
        raise PermissionDenied
    if face_to_face_can_continue is None:
        face_to_face_can_continue = strategy.face_to_face_by_default
    record = StrategyRecord(
        national_society=national_society,
        strategy=strategy,
        since=since,
        face_to_face_can_continue=face_to_face_can_continue,
        note=note.strip(),
        recorded_by=user,
    )
    record.full_clean()
    record.save()
    return record


def continuity_plan_start(*, national_society: NationalSociety, user) -> ContinuityPlan:
    """Make sure the plan exists with a row for every protocol step, the new ones included."""
    if not national_society.can_edit(user):
        raise PermissionDenied
    with transaction.atomic():
        plan, _ = ContinuityPlan.objects.get_or_create(
            national_society=national_society, defaults={"updated_by": user}
        )
        known = set(plan.steps.values_list("step_id", flat=True))
        StepStatus.objects.bulk_create(
            [
                StepStatus(plan=plan, step=step)
                for step in ProtocolStep.objects.all()
                if step.pk not in known
            ]
        )
    return plan


KEEP = object()


def continuity_plan_save(
    *, plan: ContinuityPlan, user, version: int, statuses: list[StepStatus], reviewed_on=KEEP
) -> int:
    """Save the changed step states (and the referral review date, unless KEEP), unless the plan
    was saved since `version`.

    Raise Stale with the plan as saved now and the step states saved since.
    """
    if not plan.national_society.can_edit(user):
        raise PermissionDenied
    if any(status.plan_id != plan.pk for status in statuses):
        raise PermissionDenied
    with transaction.atomic():
        if not version_claim(ContinuityPlan.objects.filter(pk=plan.pk), version=version):
            current = ContinuityPlan.objects.get(pk=plan.pk)
            changed = current.steps.select_related("step").filter(changed_in_version__gt=version)
            raise Stale(current, changed)
        plan.refresh_from_db()
        if reviewed_on is not KEEP:
            plan.referral_pathways_reviewed_on = reviewed_on
        plan.updated_by = user
        plan._history_user = user
        plan.full_clean()
        plan.save()
        for status in statuses:
            status.changed_in_version = plan.version
            status._history_user = user
            status.full_clean(exclude=["plan", "step"])
            status.save()
    return plan.version
