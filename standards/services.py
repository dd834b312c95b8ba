"""Writes to readiness assessments: each one atomic, each one checked against the workflow."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from tipguide.core.services import Stale, version_claim
from tipguide.organisations.models import NationalSociety

from . import notices
from .models import (
    ACTION_DEFINING_FIELDS,
    ACTION_RESULTS,
    ANSWER_FIELDS,
    Answer,
    Assessment,
    ChecklistItem,
    ItemComment,
    Section,
    due_date_check,
)


def assessment_start(
    *, national_society: NationalSociety, user, from_previous: bool = False
) -> Assessment:
    """Start an assessment with one answer per applicable item, copying each item's words."""
    if not national_society.can_edit(user):
        raise PermissionDenied
    try:
        return _assessment_start(national_society, user, from_previous)
    except IntegrityError as error:
        # Someone else started one at the same moment: the database kept one open assessment.
        if Assessment.objects.open().filter(national_society=national_society).exists():
            raise ValidationError(ALREADY_OPEN) from error
        raise


ALREADY_OPEN = gettext_lazy("This National Society already has an open assessment.")


def _assessment_start(national_society, user, from_previous: bool) -> Assessment:
    with transaction.atomic():
        if Assessment.objects.open().filter(national_society=national_society).exists():
            raise ValidationError(ALREADY_OPEN)
        previous = (
            Assessment.objects.filter(
                national_society=national_society, status=Assessment.Status.REVIEWED
            )
            .order_by("-reviewed_at")
            .first()
            if from_previous
            else None
        )
        assessment = Assessment(
            national_society=national_society,
            includes_specialised_measures=national_society.specialised_measures_apply(),
            based_on=previous,
            created_by=user,
        )
        assessment.full_clean()
        assessment.save()
        items = ChecklistItem.objects.select_related("section").prefetch_related("topics")
        if not assessment.includes_specialised_measures:
            items = items.exclude(section__applies_to=Section.AppliesTo.TIP_EXPERIENCED)
        carried = {}
        if previous:
            carried = {a.item_id: a for a in previous.answers.all()}
        answers = []
        for item in items:
            answer = Answer.for_item(assessment, item, updated_by=user)
            if item.pk in carried:
                _carry_over(carried[item.pk], answer)
            answers.append(answer)
        bulk_create_with_history(answers, Answer, default_user=user)
    return assessment


# A done action's item is answered again in the next cycle: its notes and evidence stay.
KEPT_FROM_A_DONE_ACTION = ["notes", "evidence"]


def _carry_over(previous: Answer, answer: Answer) -> None:
    """Copy the last cycle's answer: an open action carries on with its status, priority, owner
    and due date; a done one does not carry on as an action."""
    if previous.needs_action and previous.is_done:
        names = KEPT_FROM_A_DONE_ACTION
    else:
        names = [*ANSWER_FIELDS, "action_status", "priority"]
    for name in names:
        setattr(answer, name, getattr(previous, name))


def assessment_answers_save(
    *, assessment: Assessment, user, version: int, answers: list[Answer]
) -> int:
    """Save the answers the user changed, unless someone saved the assessment since `version`.

    Return the assessment's new version. The version is claimed and the answers written in one
    transaction. Raise Stale with the assessment as saved now and the answers saved since.
    """
    if not assessment.can_edit(user):
        raise PermissionDenied
    if any(answer.assessment_id != assessment.pk for answer in answers):
        raise PermissionDenied
    with transaction.atomic():
        editable = Assessment.objects.filter(
            pk=assessment.pk, status__in=Assessment.EDITABLE_STATUSES
        )
        if not version_claim(editable, version=version, updated_at=timezone.now()):
            current = Assessment.objects.get(pk=assessment.pk)
            changed = list(
                current.answers.filter(changed_in_version__gt=version).select_related("updated_by")
            )
            raise Stale(current, changed)
        # Locked, and read again: the plan page may have changed an action since the form was
        # built, and what it changed must not be written back.
        saved = Answer.objects.select_for_update().in_bulk([answer.pk for answer in answers])
        for answer in answers:
            before = saved[answer.pk]
            _keep_action_state(before, answer)
            answer.changed_in_version = version + 1
            answer.updated_by = user
            answer._history_user = user
            answer.full_clean(exclude=["assessment", "item", "updated_by"])
            answer.save()
    assessment.version = version + 1
    return assessment.version


def _keep_action_state(saved: Answer, answer: Answer) -> None:
    """Keep the action's status as saved; when what the action is changes (its result, next step,
    owner or due date), move its version on, so the plan page shown before is out of date."""
    for name in ("action_status", "priority", "completed_on", "action_version"):
        setattr(answer, name, getattr(saved, name))
    if any(getattr(answer, name) != getattr(saved, name) for name in ACTION_DEFINING_FIELDS):
        answer.action_version += 1


def action_update(
    *, answer: Answer, user, version: int, action_status: str, priority: str, due_date
) -> int:
    """Set an action's status, priority and due date, unless someone changed the action since
    `version` (its own version, not the assessment's).

    Return the action's new version. Marking it done records the completion date; reopening it
    clears the date. A new due date also moves the assessment's version on, as the section's
    form edits the same date. Raise Stale with the answer as saved now.
    """
    assessment = answer.assessment
    if not assessment.can_update_actions(user):
        raise PermissionDenied
    with transaction.atomic():
        claimed = Answer.objects.filter(
            pk=answer.pk, result__in=ACTION_RESULTS, action_version=version
        ).update(action_version=F("action_version") + 1)
        if not claimed:
            current = Answer.objects.select_related("updated_by").get(pk=answer.pk)
            raise Stale(current, [current])
        # The row as saved now, locked by the claim; the caller's copy is left as it was.
        saved = Answer.objects.get(pk=answer.pk)
        due_date_check(due_date, stored=saved.due_date)
        if due_date != saved.due_date:
            Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
            saved.changed_in_version = (
                Assessment.objects.filter(pk=assessment.pk).values_list("version", flat=True).get()
            )
            saved.due_date = due_date
        saved.set_action_status(action_status)
        saved.priority = priority
        saved.updated_by = user
        saved._history_user = user
        saved.full_clean(exclude=["assessment", "item", "updated_by"])
        saved.save()
    return saved.action_version


def assessment_submit(*, assessment: Assessment, user, version: int | None = None) -> None:
    """Hand the assessment in for review, as it was at `version` (by default, as loaded).

    The version is claimed first, so no answer can be saved between the completeness check and
    the status change: an answer save claims the same version, and waits for this transaction.
    """
    if not assessment.can_edit(user):
        raise PermissionDenied
    version = assessment.version if version is None else version
    now = timezone.now()
    with transaction.atomic():
        editable = Assessment.objects.filter(
            pk=assessment.pk, status__in=Assessment.EDITABLE_STATUSES
        )
        claimed = version_claim(
            editable,
            version=version,
            status=Assessment.Status.SUBMITTED,
            submitted_at=now,
            submitted_by=user,
            updated_at=now,
        )
        if not claimed:
            if editable.exists():
                raise ValidationError(
                    _(
                        "Someone saved this assessment after you opened the page, so it was not "
                        "submitted. Check the answers and submit again."
                    )
                )
            raise ValidationError(_("This assessment can no longer be submitted."))
        progress = assessment.progress()
        if not progress.is_complete:
            raise ValidationError(_("Answer every item before submitting the assessment."))
        Assessment.objects.filter(pk=assessment.pk).update(
            score=progress.score, section_scores=assessment.section_scores_now()
        )
        _record_history(assessment, user, _("Submitted"))
        transaction.on_commit(partial(notices.assessment_submitted, assessment))


def assessment_review(*, assessment: Assessment, user, accept: bool, comment: str) -> None:
    """Mark a submitted assessment reviewed, or return it to the focal points with comments."""
    if not assessment.can_review(user):
        raise PermissionDenied
    if not accept and not comment.strip() and not assessment.comments_since_submitted().exists():
        raise ValidationError(
            _(
                "Say what needs to change when returning an assessment: in the comments, or on "
                "the items concerned."
            )
        )
    status = Assessment.Status.REVIEWED if accept else Assessment.Status.RETURNED
    with transaction.atomic():
        updated = Assessment.objects.filter(
            pk=assessment.pk, status=Assessment.Status.SUBMITTED
        ).update(
            status=status,
            reviewed_at=timezone.now(),
            reviewed_by=user,
            review_comment=comment.strip(),
            version=F("version") + 1,
        )
        if not updated:
            raise ValidationError(_("This assessment is no longer waiting for review."))
        _record_history(assessment, user, status.label)
        transaction.on_commit(partial(notices.assessment_reviewed, assessment))


def item_comment_add(*, assessment: Assessment, answer: Answer, user, text: str) -> ItemComment:
    """Comment on one item of an assessment waiting for review."""
    if not assessment.is_reviewer(user) or answer.assessment_id != assessment.pk:
        raise PermissionDenied
    with transaction.atomic():
        # A review waits for this lock: the comment lands before the review is recorded, in
        # the round it is meant for, or not at all.
        status = (
            Assessment.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=assessment.pk)
        )
        if status != Assessment.Status.SUBMITTED:
            raise ValidationError(_("This assessment is no longer waiting for review."))
        comment = ItemComment(answer=answer, author=user, text=text.strip())
        comment.full_clean()
        comment.save()
    return comment


def _record_history(assessment: Assessment, user, reason: str) -> None:
    """Keep the workflow step in the assessment's history (queryset updates send no signals)."""
    assessment.refresh_from_db()
    assessment._history_user = user
    assessment._change_reason = reason
    assessment.save(update_fields=["updated_at"])
