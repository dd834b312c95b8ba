"""While reviewing, a manager comments on any item; the focal points read the comments under
the item where they answer it; returning needs at least one comment."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import Assessment, ItemComment
from standards.services import assessment_review, assessment_submit, item_comment_add
from standards.tests.factories import answer_all
from tipguide.core.tests.racing import needs_row_locks, race

pytestmark = pytest.mark.django_db


def comment_url(assessment, number=1):
    return reverse("standards:assessment_comment", args=[assessment.pk, number])


def section_url(assessment, number=1):
    return reverse("standards:assessment_section", args=[assessment.pk, number])


def test_a_reviewer_comments_on_an_item_from_the_section_page(
    client, submitted_assessment, manager_africa
):
    client.force_login(manager_africa)
    page = client.get(section_url(submitted_assessment)).text
    assert f'action="{comment_url(submitted_assessment)}"' in page
    assert 'name="item" value="1.2"' in page
    response = client.post(
        comment_url(submitted_assessment), {"item": "1.2", "text": "Add the taskforce's minutes."}
    )
    assert response.status_code == 302
    assert response["Location"] == section_url(submitted_assessment) + "#answer-1.2"
    comment = ItemComment.objects.get()
    assert (comment.answer.item_code, comment.author) == ("1.2", manager_africa)


def test_the_focal_points_read_the_comments_under_the_item_they_answer(
    client, submitted_assessment, manager_africa, focal_ke
):
    answer = submitted_assessment.answers.get(item_code="1.2")
    item_comment_add(
        assessment=submitted_assessment,
        answer=answer,
        user=manager_africa,
        text="Add the taskforce's minutes.",
    )
    assessment_review(
        assessment=submitted_assessment, user=manager_africa, accept=False, comment=""
    )
    client.force_login(focal_ke)
    page = client.get(section_url(submitted_assessment)).text
    item = page.split('id="answer-1.2"')[1].split('id="answer-1.3"')[0]
    assert "Add the taskforce&#x27;s minutes." in item
    assert "manager-africa" in item
    assert "Comment on 1.2" not in page  # focal points read, they don't comment
    detail = client.get(submitted_assessment.get_absolute_url()).text
    assert "Comments on items" in detail and "Add the taskforce&#x27;s minutes." in detail


def test_returning_needs_a_comment_overall_or_on_an_item(
    client, submitted_assessment, manager_africa
):
    client.force_login(manager_africa)
    review = reverse("standards:assessment_review", args=[submitted_assessment.pk])
    refused = client.post(review, {"decision": "returned", "comment": ""})
    assert refused.status_code == 400
    assert "Say what needs to change when returning an assessment" in refused.text
    submitted_assessment.refresh_from_db()
    assert submitted_assessment.status == Assessment.Status.SUBMITTED
    client.post(comment_url(submitted_assessment), {"item": "1.1", "text": "Date the plan."})
    assert client.post(review, {"decision": "returned", "comment": ""}).status_code == 302
    submitted_assessment.refresh_from_db()
    assert submitted_assessment.status == Assessment.Status.RETURNED


def test_comments_from_an_earlier_submission_do_not_count_for_the_next_return(
    submitted_assessment, manager_africa, focal_ke
):
    answer = submitted_assessment.answers.get(item_code="1.1")
    item_comment_add(
        assessment=submitted_assessment, answer=answer, user=manager_africa, text="Date it."
    )
    assessment_review(
        assessment=submitted_assessment, user=manager_africa, accept=False, comment=""
    )
    submitted_assessment.refresh_from_db()
    assessment_submit(assessment=answer_all(submitted_assessment), user=focal_ke)
    submitted_assessment.refresh_from_db()
    with pytest.raises(Exception, match="Say what needs to change"):
        assessment_review(
            assessment=submitted_assessment, user=manager_africa, accept=False, comment=""
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"item": "9.9", "text": "Nowhere."}, "That item is not in this section"),
        ({"item": "1.1", "text": ""}, "This field is required."),
        ({"item": "1.1", "text": "Call Ana on +254 712 345 678."}, "personal data"),
        ({"text": "No item."}, "That item is not in this section"),
    ],
)
def test_a_bad_comment_is_refused_with_a_message_and_nothing_saved(
    client, submitted_assessment, manager_africa, data, message
):
    client.force_login(manager_africa)
    response = client.post(comment_url(submitted_assessment), data, follow=True)
    assert response.status_code in (200, 400)
    assert message in response.text
    assert not ItemComment.objects.exists()


def test_a_refused_comment_is_announced_at_the_top_of_the_page_with_a_link_to_it(
    client, submitted_assessment, manager_africa
):
    """The page came back at its top, unchanged to the eye, the reason far below."""
    client.force_login(manager_africa)
    response = client.post(comment_url(submitted_assessment), {"item": "1.2", "text": " "})
    assert response.status_code == 400
    page = response.text
    notice = page.index("Your comment on 1.2 was not saved")
    assert page.index("</h1>") < notice < page.index('id="answer-1.1"')
    assert 'href="#answer-1.2"' in page[notice - 200 : notice]


def test_a_comment_posted_after_another_tab_recorded_the_review_is_given_back(
    client, submitted_assessment, manager_africa
):
    """Not a 403 saying the role does not allow it: the role does; the assessment moved on."""
    assessment_review(assessment=submitted_assessment, user=manager_africa, accept=True, comment="")
    client.force_login(manager_africa)
    typed = "Late & <b>kept</b>."
    response = client.post(comment_url(submitted_assessment), {"item": "1.1", "text": typed})
    assert response.status_code == 409
    assert "This assessment is no longer waiting for review" in response.text
    assert "Late &amp; &lt;b&gt;kept&lt;/b&gt;." in response.text
    assert not ItemComment.objects.exists()


def test_a_comment_whose_review_is_recorded_between_the_check_and_the_save_is_given_back(
    client, submitted_assessment, manager_africa, monkeypatch
):
    """The view's check passes, then a review lands before the save: a 409, not a 500."""
    client.force_login(manager_africa)
    Assessment.objects.filter(pk=submitted_assessment.pk).update(
        status=Assessment.Status.REVIEWED, reviewed_at=submitted_assessment.submitted_at
    )
    checks = iter([True])  # the view's first check, made before the review landed
    monkeypatch.setattr(Assessment, "can_review", lambda self, user: next(checks, False))
    response = client.post(comment_url(submitted_assessment), {"item": "1.1", "text": "Kept."})
    assert response.status_code == 409
    assert "This assessment is no longer waiting for review" in response.text
    assert "Kept." in response.text
    assert not ItemComment.objects.exists()


def test_only_a_reviewer_of_the_society_may_comment(client, submitted_assessment, focal_ke):
    client.force_login(focal_ke)
    response = client.post(comment_url(submitted_assessment), {"item": "1.1", "text": "Mine."})
    assert response.status_code == 403
    assert not ItemComment.objects.exists()


def test_a_review_posted_after_another_tab_recorded_one_is_given_back(
    client, submitted_assessment, manager_africa
):
    assessment_review(
        assessment=submitted_assessment, user=manager_africa, accept=False, comment="Date it."
    )
    client.force_login(manager_africa)
    review = reverse("standards:assessment_review", args=[submitted_assessment.pk])
    response = client.post(review, {"decision": "reviewed", "comment": "All in place now."})
    assert response.status_code == 409
    assert "This assessment is no longer waiting for review" in response.text
    assert "All in place now." in response.text
    submitted_assessment.refresh_from_db()
    assert (submitted_assessment.status, submitted_assessment.review_comment) == (
        Assessment.Status.RETURNED,
        "Date it.",
    )


@pytest.mark.django_db(transaction=True)
def test_two_reviews_recorded_at_once_keep_one_and_refuse_the_other(
    submitted_assessment, manager_africa, manager
):
    needs_row_locks()
    outcomes = race(
        lambda: assessment_review(
            assessment=submitted_assessment, user=manager_africa, accept=True, comment=""
        ),
        lambda: assessment_review(
            assessment=submitted_assessment, user=manager, accept=False, comment="Date it."
        ),
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert outcomes.count(None) == 1 and len(refused) == 1, outcomes
    assert refused[0].messages == ["This assessment is no longer waiting for review."]
    submitted_assessment.refresh_from_db()
    assert submitted_assessment.status in (Assessment.Status.REVIEWED, Assessment.Status.RETURNED)


@pytest.mark.django_db(transaction=True)
def test_a_comment_racing_the_review_lands_before_it_or_not_at_all(
    submitted_assessment, manager_africa, manager
):
    """A comment saved after the review was recorded sits on an assessment no longer under
    review, missing from the mail that announced it. The review stamps the assessment once
    recorded (updated_at): a comment saved must be older."""
    needs_row_locks()
    answer = submitted_assessment.answers.get(item_code="1.1")
    for _ in range(8):
        Assessment.objects.filter(pk=submitted_assessment.pk).update(
            status=Assessment.Status.SUBMITTED, reviewed_at=None
        )
        submitted_assessment.refresh_from_db()
        ItemComment.objects.all().delete()
        outcomes = race(
            lambda: item_comment_add(
                assessment=submitted_assessment, answer=answer, user=manager, text="Date it."
            ),
            lambda: assessment_review(
                assessment=submitted_assessment, user=manager_africa, accept=True, comment=""
            ),
        )
        assert outcomes[1] is None, outcomes
        recorded = Assessment.objects.get(pk=submitted_assessment.pk).updated_at
        comment = ItemComment.objects.first()
        if comment is None:
            assert isinstance(outcomes[0], ValidationError), outcomes
            assert outcomes[0].messages == ["This assessment is no longer waiting for review."]
        else:
            assert comment.created_at < recorded


def test_the_section_page_needs_a_fixed_number_of_queries_whatever_the_comments(
    client, submitted_assessment, manager_africa
):
    client.force_login(manager_africa)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(section_url(submitted_assessment)).status_code == 200
        return len(captured)

    item_comment_add(
        assessment=submitted_assessment,
        answer=submitted_assessment.answers.get(item_code="1.1"),
        user=manager_africa,
        text="First.",
    )
    few = queries()
    for answer in submitted_assessment.answers.filter(section_number=1):
        for n in range(4):
            item_comment_add(
                assessment=submitted_assessment, answer=answer, user=manager_africa, text=f"#{n}"
            )
    assert queries() == few
