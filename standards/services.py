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
from .models import ANSWER_FIELDS, Answer, Assessment, ChecklistItem, ItemComment, Section


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
                for name in ANSWER_FIELDS:
                    setattr(answer, name, getattr(carried[item.pk], name))
            answers.append(answer)
        bulk_create_with_history(answers, Answer, default_user=user)
    return assessment


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
        for answer in answers:
            answer.changed_in_version = version + 1
            answer.updated_by = user
            answer._history_user = user
            answer.full_clean(exclude=["assessment", "item", "updated_by"])
            answer.save()
    assessment.version = version + 1
    return assessment.version


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
        Assessment.objects.filter(pk=assessment.pk).update(score=progress.score)
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
    if not assessment.can_review(user) or answer.assessment_id != assessment.pk:
        raise PermissionDenied
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
