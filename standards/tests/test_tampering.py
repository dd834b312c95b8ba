"""Bad and tampered input to the forms that write: each is refused, and nothing changes."""

import pytest
from django.urls import reverse

from standards.models import Assessment, Result
from standards.tests.posting import section_data, section_url
from tipguide.core.tests.database import database_state
from tipguide.core.tests.posting import form_as_shown
from tipguide.organisations.models import SocietyProfile
from tipguide.organisations.tests.posting import profile_data

INVALID_ANSWERS = "Some answers need correcting; nothing was saved."


@pytest.fixture
def as_focal_ke(client, focal_ke):
    client.force_login(focal_ke)
    return client


@pytest.fixture
def as_manager_africa(client, manager_africa):
    client.force_login(manager_africa)
    return client


def test_a_valid_change_of_one_result_is_saved_and_bumps_the_version(as_focal_ke, kenya_assessment):
    first = kenya_assessment.answers.order_by("section_number", "item_position").first()
    others = list(kenya_assessment.answers.exclude(pk=first.pk).values())
    data = section_data(kenya_assessment, 1, {"1.1": {"result": Result.PARTLY_MET}})
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 302
    assert response["Location"] == section_url(kenya_assessment) + "#answer-1.1"
    first.refresh_from_db()
    assert first.result == Result.PARTLY_MET
    assert list(kenya_assessment.answers.exclude(pk=first.pk).values()) == others
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.version == 2


def test_an_answer_of_another_society_is_refused_and_nothing_changes(
    as_focal_ke, kenya_assessment, philippines_assessment
):
    philippines_answer = philippines_assessment.answers.order_by("item_position").first()
    data = section_data(kenya_assessment, 1, {"1.1": {"result": Result.NOT_MET}})
    data["form-0-id"] = str(philippines_answer.pk)
    before = database_state()
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 400
    assert INVALID_ANSWERS in response.text
    assert database_state() == before


def test_an_unknown_result_is_refused_and_nothing_changes(as_focal_ke, kenya_assessment):
    data = section_data(kenya_assessment, 1, {"1.1": {"result": "maybe"}})
    before = database_state()
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 400
    assert "Select a valid choice. maybe is not one of the available choices." in response.text
    assert INVALID_ANSWERS in response.text
    assert database_state() == before


@pytest.mark.parametrize(("field", "limit"), [("notes", 2000), ("next_step", 500)])
def test_text_over_the_maximum_length_is_refused_and_nothing_changes(
    as_focal_ke, kenya_assessment, field, limit
):
    data = section_data(kenya_assessment, 1, {"1.1": {field: "x" * (limit + 1)}})
    before = database_state()
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 400
    assert (
        f"Ensure this value has at most {limit} characters (it has {limit + 1})." in response.text
    )
    assert INVALID_ANSWERS in response.text
    assert database_state() == before


def test_not_applicable_without_a_reason_is_refused_and_nothing_changes(
    as_focal_ke, kenya_assessment
):
    data = section_data(kenya_assessment, 1, {"1.1": {"result": Result.NOT_APPLICABLE}})
    before = database_state()
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 400
    assert "Say why this item does not apply." in response.text
    assert INVALID_ANSWERS in response.text
    assert database_state() == before


@pytest.mark.parametrize("version", ["latest", "9" * 12])
def test_a_version_that_is_not_a_possible_number_is_refused_and_nothing_changes(
    as_focal_ke, kenya_assessment, version
):
    data = section_data(kenya_assessment, 1, {"1.1": {"result": Result.MET}})
    data["version"] = version
    before = database_state()
    response = as_focal_ke.post(section_url(kenya_assessment), data)
    assert response.status_code == 400
    assert INVALID_ANSWERS in response.text
    assert database_state() == before


def test_a_focal_point_cannot_post_to_another_societys_section(as_focal_ke, philippines_assessment):
    data = section_data(philippines_assessment, 1, {"1.1": {"result": Result.MET}})
    before = database_state()
    response = as_focal_ke.post(section_url(philippines_assessment), data)
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert database_state() == before


def test_a_manager_cannot_post_to_a_section_they_only_oversee(as_manager_africa, kenya_assessment):
    data = section_data(kenya_assessment, 1, {"1.1": {"result": Result.MET}})
    before = database_state()
    response = as_manager_africa.post(section_url(kenya_assessment), data)
    assert response.status_code == 403
    assert "You cannot do this" in response.text
    assert database_state() == before


def test_starting_an_assessment_for_another_society_is_refused(as_focal_ke, catalogue, philippines):
    response = as_focal_ke.post(
        reverse("standards:assessment_start"), {"national_society": philippines.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice. That choice is not one of the available choices." in (
        response.text
    )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("review", "error"),
    [
        (
            {"decision": "maybe", "comment": "Fine."},
            "Select a valid choice. maybe is not one of the available choices.",
        ),
        (
            {"decision": "returned", "comment": "  "},
            "Say what needs to change when returning an assessment: in the comments, or on",
        ),
    ],
    ids=["unknown-decision", "returned-without-comment"],
)
def test_a_bad_review_is_refused_and_the_assessment_stays_submitted(
    as_manager_africa, submitted_assessment, review, error
):
    before = database_state()
    response = as_manager_africa.post(
        reverse("standards:assessment_review", args=[submitted_assessment.pk]), review
    )
    assert response.status_code == 400
    assert error in response.text
    submitted_assessment.refresh_from_db()
    assert submitted_assessment.status == Assessment.Status.SUBMITTED
    assert database_state() == before


def test_a_contact_role_title_over_120_characters_is_refused_and_nothing_saved(as_focal_ke, kenya):
    before = database_state()
    response = as_focal_ke.post(
        reverse("society_profile", args=["KE"]),
        profile_data(roles=[("x" * 121, "")]),
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 120 characters (it has 121)." in response.text
    assert "Some fields need correcting; nothing was saved." in response.text
    assert database_state() == before


def test_a_profile_version_too_large_for_the_database_is_refused(as_focal_ke, kenya):
    url = reverse("society_profile", args=["KE"])
    data = {**form_as_shown(as_focal_ke.get(url).text), "version": "9" * 12}
    response = as_focal_ke.post(url, data)
    assert response.status_code == 400
    assert not SocietyProfile.objects.exists()
