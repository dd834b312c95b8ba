"""The POST data of an assessment's section page."""

from django.urls import reverse

from standards.models import ANSWER_FIELDS
from tipguide.core.tests.posting import formset_data


def section_url(assessment, number=1):
    return reverse("standards:assessment_section", args=[assessment.pk, number])


def section_data(assessment, number, changes=None):
    """The section form as the browser posts it, with `changes` by item code.

    A result left unanswered is not sent at all, as with a radio group where nothing is checked.
    """
    answers = assessment.answers.filter(section_number=number).order_by("item_position")
    by_code = formset_data(answers, ANSWER_FIELDS, changes, key=lambda answer, _: answer.item_code)
    data = {"version": str(assessment.version), **by_code}
    for index in range(len(answers)):
        if not data[f"form-{index}-result"]:
            del data[f"form-{index}-result"]
    return data
