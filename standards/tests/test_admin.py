"""The admin shows assessments and National Society profiles and changes nothing in them.

Focal points own their answers and profiles, and the portal's version guard protects them; an
assessment's status and dates always agree, so every page can show it.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from standards.models import Assessment, Result
from standards.services import assessment_review, assessment_submit
from tipguide.core.tests.posting import change_form_data
from tipguide.organisations.models import SocietyProfile
from tipguide.organisations.tests.factories import SocietyProfileFactory

DATES_MESSAGE = (
    "A submitted assessment needs the date it was submitted; a returned or reviewed one also "
    "the date it was reviewed."
)


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def as_stored(record):
    return type(record).objects.filter(pk=record.pk).values().get()


@pytest.mark.parametrize(
    ("status", "dates"),
    [
        (Assessment.Status.SUBMITTED, {"submitted_at": None}),
        (Assessment.Status.RETURNED, {"reviewed_at": None}),
        (Assessment.Status.REVIEWED, {"submitted_at": None}),
        (Assessment.Status.REVIEWED, {"reviewed_at": None}),
    ],
)
def test_a_handed_in_assessment_always_has_the_dates_it_was_handed_in_and_reviewed(
    submitted_assessment, status, dates
):
    stored = Assessment.objects.filter(pk=submitted_assessment.pk)
    stored.update(status=status, reviewed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        stored.update(**dates)
    assessment = stored.get()
    for name, value in dates.items():
        setattr(assessment, name, value)
    with pytest.raises(ValidationError) as error:
        assessment.full_clean()
    assert error.value.messages == [DATES_MESSAGE]


def test_a_draft_needs_no_dates_and_a_resubmitted_one_keeps_its_review_date(
    submitted_assessment, focal_ke, manager
):
    assessment_review(assessment=submitted_assessment, user=manager, accept=False, comment="Add")
    submitted_assessment.refresh_from_db()
    submitted_assessment.full_clean()
    assessment_submit(assessment=submitted_assessment, user=focal_ke)
    submitted_assessment.refresh_from_db()
    assert submitted_assessment.reviewed_at is not None
    submitted_assessment.full_clean()


def test_clearing_a_submission_date_in_the_admin_leaves_the_dashboard_working(
    client, admin_client, submitted_assessment, manager
):
    before = as_stored(submitted_assessment)
    url = change_url(submitted_assessment)
    data = change_form_data(
        admin_client.get(url),
        {"submitted_at_0": "", "submitted_at_1": "", "review_comment": "Edited in the admin."},
    )
    response = admin_client.post(url, data)
    client.force_login(manager)
    assert client.get(reverse("dashboard")).status_code == 200
    assert response.status_code == 403
    assert as_stored(submitted_assessment) == before


def test_an_admin_sees_an_assessment_and_its_answers_but_changes_no_answer(
    admin_client, kenya_assessment
):
    answer = kenya_assessment.answers.order_by("section_number", "item_position").first()
    before = as_stored(answer)
    url = change_url(kenya_assessment)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert answer.item_code in page.text
    data = change_form_data(page, {"answers-0-result": Result.NOT_MET})
    assert admin_client.post(url, data).status_code == 403
    assert as_stored(answer) == before
    assert as_stored(kenya_assessment)["version"] == 1


def test_an_admin_cannot_revert_an_assessment_from_its_history(admin_client, submitted_assessment):
    before = as_stored(submitted_assessment)
    draft = submitted_assessment.history.earliest()
    url = reverse(
        "admin:standards_assessment_simple_history",
        args=[submitted_assessment.pk, draft.history_id],
    )
    page = admin_client.get(url)
    assert page.status_code == 200
    assert admin_client.post(url, change_form_data(page)).status_code == 403
    assert as_stored(submitted_assessment) == before


def test_an_admin_sees_a_national_society_profile_and_its_roles_but_changes_nothing(
    admin_client, kenya
):
    profile = SocietyProfileFactory(national_society=kenya)
    role = profile.contact_roles.create(title="PGI focal point")
    url = change_url(profile)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "PGI focal point" in page.text
    data = change_form_data(
        page, {"has_tip_programmes_or_services": "on", "contact_roles-0-title": "Head of Health"}
    )
    assert admin_client.post(url, data).status_code == 403
    assert admin_client.get(reverse("admin:organisations_societyprofile_add")).status_code == 403
    profile.refresh_from_db()
    role.refresh_from_db()
    assert (profile.has_tip_programmes_or_services, profile.version, role.title) == (
        False,
        1,
        "PGI focal point",
    )
    assert SocietyProfile.objects.count() == 1
