"""Notices by e-mail: who is told when an assessment moves on, and the reminder digests.

Only the people in scope are mailed: a submitted assessment goes to the managers who oversee its
National Society, a returned or reviewed one to its focal points. Nobody who turned notices off
or has no address is mailed. A notice says what happened and links to the page: no answers, no
notes, nothing about anyone.
"""

import logging
from collections import defaultdict
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import mail
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tipguide.organisations.models import Membership, User

from .models import Answer, Assessment

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7
REVIEW_OVERDUE_DAYS = 14


def link(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def _send(messages: list[mail.EmailMessage]) -> int:
    """Send `messages`; a mail server that fails is logged, never the user's error."""
    if not messages:
        return 0
    try:
        with mail.get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception:  # Each mail backend raises its own errors; the save is already done.
        logger.exception("Could not send %d notice(s)", len(messages))
        return 0


def _message(user, subject, template: str, context) -> mail.EmailMessage:
    """A notice to `user` in their language: `subject()` and `context()` are worked out in it,
    names, dates and links included."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {**context(), "recipient": user, "account_url": link(reverse("account_notices"))},
        )
        return mail.EmailMessage(subject(), body, to=[user.email])


def assessment_submitted(assessment: Assessment) -> int:
    society = assessment.national_society

    def subject():
        return _("Waiting for your review: %(society)s") % {"society": society.name}

    def context():
        return {"assessment": assessment, "url": link(assessment.get_absolute_url())}

    return _send(
        [
            _message(user, subject, "standards/email/submitted.txt", context)
            for user in User.objects.managers_of(society).to_notify()
        ]
    )


def assessment_reviewed(assessment: Assessment) -> int:
    """Tell the society's focal points that their assessment was reviewed or returned."""
    society = assessment.national_society

    def subject():
        if assessment.is_returned:
            return _("Returned with comments: %(society)s's assessment") % {"society": society.name}
        return _("Reviewed: %(society)s's assessment") % {"society": society.name}

    # The reviewer's comments on items, with the overall one: a return may rest on them alone.
    item_comments = list(
        assessment.comments_since_submitted()
        .select_related("answer")
        .order_by("answer__section_number", "answer__item_position", "created_at")
    )

    def context():
        return {
            "assessment": assessment,
            "url": link(assessment.get_absolute_url()),
            "item_comments": item_comments,
        }

    return _send(
        [
            _message(user, subject, "standards/email/reviewed.txt", context)
            for user in User.objects.focal_points_of(society).to_notify()
        ]
    )


def reminders(today=None) -> list[mail.EmailMessage]:
    """One digest per person: the actions of their National Societies' latest assessments due
    within a week or overdue, and, for managers, the assessments waiting for their review for
    over two weeks."""
    today = today or timezone.localdate()
    due = defaultdict(list)  # by National Society id
    latest = Assessment.objects.filter(
        national_society=OuterRef("assessment__national_society")
    ).order_by("-created_at", "-pk")
    actions = (
        Answer.objects.open_actions()
        .filter(
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
            assessment=Subquery(latest.values("pk")[:1]),
        )
        .select_related("assessment__national_society")
        .order_by("due_date", "item_code")
    )
    for answer in actions:
        due[answer.assessment.national_society_id].append(answer)
    waiting = list(
        Assessment.objects.filter(
            status=Assessment.Status.SUBMITTED,
            submitted_at__date__lt=today - timedelta(days=REVIEW_OVERDUE_DAYS),
        )
        .select_related("national_society")
        .order_by("submitted_at")
    )
    per_user = defaultdict(lambda: {"actions": [], "reviews": []})
    memberships = Membership.objects.filter(user__in=User.objects.to_notify()).select_related(
        "user"
    )
    for membership in memberships:
        entry = per_user[membership.user]
        if membership.role == Membership.Role.FOCAL_POINT:
            entry["actions"] += due.get(membership.national_society_id, [])
        elif membership.role == Membership.Role.MANAGER:
            entry["reviews"] += [
                assessment
                for assessment in waiting
                if membership.region_id in (None, assessment.national_society.region_id)
                and assessment not in entry["reviews"]
            ]
    messages = []
    for user, entry in per_user.items():
        if not entry["actions"] and not entry["reviews"]:
            continue
        messages.append(
            _message(
                user,
                lambda: _("TiP Guide: what is due"),
                "standards/email/reminders.txt",
                partial(_digest, today, entry),
            )
        )
    return messages


def _digest(today, entry) -> dict:
    return {
        "today": today,
        "actions": [
            (answer, link(reverse("standards:assessment_actions", args=[answer.assessment_id])))
            for answer in entry["actions"]
        ],
        "reviews": [
            (
                assessment,
                link(assessment.get_absolute_url()),
                (today - timezone.localdate(assessment.submitted_at)).days,
            )
            for assessment in entry["reviews"]
        ],
    }


def reminders_send(today=None) -> int:
    return _send(reminders(today))
