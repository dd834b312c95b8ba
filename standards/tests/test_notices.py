"""Notices by e-mail reach the people in scope, and nobody else: managers when an assessment is
submitted, focal points when it is returned or reviewed, and one reminder digest per person."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from standards.models import Assessment, Result
from standards.services import (
    assessment_review,
    assessment_start,
    assessment_submit,
    item_comment_add,
)
from standards.tests.factories import answer_all
from tipguide.organisations.models import Membership
from tipguide.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def everyone(focal_ke, focal_ph, manager, manager_africa, manager_asia, kenya):
    """Besides the cast: a second Kenyan focal point who turned notices off, and one without an
    address."""
    quiet = MembershipFactory(user__username="quiet-ke", national_society=kenya).user
    quiet.receives_notices = False
    quiet.save()
    MembershipFactory(user__username="no-address-ke", user__email="", national_society=kenya)


def submit(assessment, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=answer_all(assessment), user=user)


def test_a_submitted_assessment_is_announced_to_the_managers_who_oversee_it(
    everyone, kenya_assessment, focal_ke, django_capture_on_commit_callbacks
):
    submit(kenya_assessment, focal_ke, django_capture_on_commit_callbacks)
    assert recipients() == ["manager-africa@example.org", "manager@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Waiting for your review: Kenya Red Cross Society"
    assert f"http://127.0.0.1:8000/standards/assessments/{kenya_assessment.pk}/" in message.body
    assert "http://127.0.0.1:8000/accounts/notices/" in message.body


@pytest.mark.parametrize(
    ("accept", "subject"),
    [
        (False, "Returned with comments: Kenya Red Cross Society's assessment"),
        (True, "Reviewed: Kenya Red Cross Society's assessment"),
    ],
)
def test_a_reviewed_or_returned_assessment_is_announced_to_its_focal_points(
    everyone,
    kenya_assessment,
    focal_ke,
    manager_africa,
    django_capture_on_commit_callbacks,
    accept,
    subject,
):
    submit(kenya_assessment, focal_ke, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment_review(
            assessment=kenya_assessment, user=manager_africa, accept=accept, comment="See 1.2."
        )
    assert recipients() == ["focal-ke@example.org"]
    assert mail.outbox[0].subject == subject
    assert "See 1.2." in mail.outbox[0].body


def test_a_return_resting_on_item_comments_sends_them_in_the_mail(
    everyone, kenya_assessment, focal_ke, manager_africa, django_capture_on_commit_callbacks
):
    """With no overall comment, the mail said "returned with comments" and gave none."""
    submit(kenya_assessment, focal_ke, django_capture_on_commit_callbacks)
    answer = kenya_assessment.answers.get(item_code="1.2")
    item_comment_add(
        assessment=kenya_assessment, answer=answer, user=manager_africa, text="Date the plan."
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment_review(
            assessment=kenya_assessment, user=manager_africa, accept=False, comment=""
        )
    assert recipients() == ["focal-ke@example.org"]
    assert "1.2: Date the plan." in mail.outbox[0].body


def test_a_mail_server_that_fails_does_not_undo_the_submission(
    everyone, kenya_assessment, focal_ke, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tipguide.core.mail.NotConfiguredEmailBackend"
    submit(kenya_assessment, focal_ke, django_capture_on_commit_callbacks)
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.status == Assessment.Status.SUBMITTED
    assert "Could not send 2 notice(s)" in caplog.text


def test_reminders_send_each_person_one_digest_of_what_is_due_in_their_scope(
    everyone, kenya_assessment, philippines_assessment, focal_ke, manager_africa
):
    today = timezone.localdate()
    answers = list(kenya_assessment.answers.order_by("item_code"))
    for answer, days in zip(answers, [-3, 2, 30], strict=False):
        answer.result, answer.next_step = Result.NOT_MET, f"Act within {days} days"
        answer.due_date = today + timedelta(days=days)
        answer.save()
    philippines_assessment.answers.update(
        result=Result.NOT_MET, next_step="Far away", due_date=today
    )
    call_command("send_reminders", stdout=StringIO())
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["focal-ke@example.org", "focal-ph@example.org"]
    kenya = by_recipient["focal-ke@example.org"].body
    assert "Act within -3 days" in kenya and "overdue since" in kenya
    assert "Act within 2 days" in kenya
    assert "Act within 30 days" not in kenya
    assert "Far away" not in kenya
    assert reverse("standards:assessment_actions", args=[kenya_assessment.pk]) in kenya


def test_managers_are_reminded_of_reviews_waiting_over_two_weeks_in_their_region_only(
    everyone, kenya_assessment, philippines_assessment, focal_ke, focal_ph
):
    for assessment, user in [(kenya_assessment, focal_ke), (philippines_assessment, focal_ph)]:
        assessment_submit(assessment=answer_all(assessment), user=user)
    Assessment.objects.filter(pk=kenya_assessment.pk).update(
        submitted_at=timezone.now() - timedelta(days=20)
    )
    call_command("send_reminders", stdout=StringIO())
    assert recipients() == ["manager-africa@example.org", "manager@example.org"]
    assert all("Kenya Red Cross Society, waiting 20 days" in m.body for m in mail.outbox)
    assert not any("Philippine" in m.body for m in mail.outbox)


def test_a_user_turns_notices_off_on_their_account_page(client, focal_ke):
    client.force_login(focal_ke)
    page = client.get(reverse("account_notices"))
    assert "Send me notices by e-mail" in page.text
    response = client.post(
        reverse("account_notices"),
        {"version": "1", "initial-receives_notices": "on"},
    )
    assert response.status_code == 302
    focal_ke.refresh_from_db()
    assert (focal_ke.receives_notices, focal_ke.version) == (False, 2)


def test_a_choice_made_on_a_stale_page_is_not_saved_silently(client, focal_ke):
    client.force_login(focal_ke)
    focal_ke.version = 2
    focal_ke.save()
    response = client.post(
        reverse("account_notices"),
        {"version": "1", "initial-receives_notices": "on"},
    )
    assert response.status_code == 409
    focal_ke.refresh_from_db()
    assert focal_ke.receives_notices is True


def test_the_review_queue_lists_what_waits_in_scope_longest_first(
    client, manager_africa, kenya, focal_ke, philippines_assessment, focal_ph, catalogue
):
    nairobi = assessment_start(national_society=kenya, user=focal_ke)
    assessment_submit(assessment=answer_all(nairobi), user=focal_ke)
    assessment_submit(assessment=answer_all(philippines_assessment), user=focal_ph)
    Assessment.objects.filter(pk=nairobi.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    client.force_login(manager_africa)
    page = client.get(reverse("standards:review_queue")).text
    assert "Kenya Red Cross Society" in page
    assert "waiting 3 days" in page
    assert "Philippine" not in page


def test_the_review_queue_needs_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries, catalogue
):
    for _ in range(12):
        focal = MembershipFactory(role=Membership.Role.FOCAL_POINT)
        assessment = assessment_start(national_society=focal.national_society, user=focal.user)
        assessment_submit(assessment=answer_all(assessment), user=focal.user)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("standards:review_queue"))
    assert page.text.count("waiting 0 days") == 12


def test_the_review_queue_is_the_one_current_page_of_the_navigation(client, manager):
    client.force_login(manager)
    page = client.get(reverse("standards:review_queue")).text
    navigation = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    assert navigation.count('aria-current="page"') == 1
    assert f'href="{reverse("standards:review_queue")}" aria-current="page"' in navigation


def test_only_managers_have_a_review_queue(client, focal_ke):
    client.force_login(focal_ke)
    assert client.get(reverse("standards:review_queue")).status_code == 403


def test_the_navigation_counts_the_reviews_waiting_for_a_manager(
    client, submitted_assessment, manager_africa, manager_asia, focal_ke
):
    client.force_login(manager_africa)
    nav = client.get(reverse("standards:index")).text.split("</nav>")[0]
    assert (
        'Reviews <span class="badge text-bg-light">1<span class="visually-hidden"> waiting' in nav
    )
    client.force_login(manager_asia)
    nav = client.get(reverse("standards:index")).text.split("</nav>")[0]
    assert "Reviews" in nav and "badge" not in nav
    client.force_login(focal_ke)
    assert "/standards/reviews/" not in client.get(reverse("standards:index")).text


def test_each_manager_is_told_in_their_own_language_with_links_in_it(
    everyone, kenya_assessment, focal_ke, manager_africa, django_capture_on_commit_callbacks
):
    manager_africa.language = "fr"
    manager_africa.save()
    submit(kenya_assessment, focal_ke, django_capture_on_commit_callbacks)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    french = by_recipient["manager-africa@example.org"]
    assert french.subject.startswith("En attente de votre examen")
    assert f"/fr/standards/assessments/{kenya_assessment.pk}/" in french.body
    assert "/fr/accounts/notices/" in french.body
    english = by_recipient["manager@example.org"]
    assert english.subject == "Waiting for your review: Kenya Red Cross Society"
    assert "/fr/" not in english.body


def test_a_reminder_digest_comes_in_its_reader_s_language(everyone, kenya_assessment, focal_ke):
    focal_ke.language = "es"
    focal_ke.save()
    answer = kenya_assessment.answers.order_by("item_code").first()
    answer.result, answer.next_step = Result.NOT_MET, "Formar al personal"
    answer.due_date = timezone.localdate() - timedelta(days=3)
    answer.save()
    call_command("send_reminders", stdout=StringIO())
    (message,) = [m for m in mail.outbox if m.to == ["focal-ke@example.org"]]
    assert "Formar al personal" in message.body
    assert "Hola" in message.body and "Hello" not in message.body
    assert f"/es/standards/assessments/{kenya_assessment.pk}/actions/" in message.body
