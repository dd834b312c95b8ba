"""Every named URL of the project, answered for every role: who may see what, and who may change it.

The object under test is Kenya's National Society and its draft assessment. A focal point of
Kenya keeps its records; a focal point of the Philippines and a manager of Asia Pacific may not
even know they exist (404); managers of Africa and of every region see them but may not change
them (403); a content editor works on the guidance only.
"""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from advocacy.models import Briefing
from advocacy.tests.factories import MessageFactory, start_briefing
from casemgmt.models import ContinuityPlan, StrategyRecord
from casemgmt.tests.factories import build_protocols
from risks.tests.factories import RiskFactorFactory
from standards.models import Assessment, ItemComment, Result, Section
from standards.tests.action_posting import action_data
from standards.tests.factories import ChecklistItemFactory
from tipguide.core.tests.database import database_state
from tipguide.organisations.models import SocietyProfile
from tipguide.organisations.tests.posting import profile_data

ROLES = (
    "anonymous",
    "focal_ke",
    "focal_ph",
    "manager_africa",
    "manager_asia",
    "manager",
    "editor",
)

# Expected statuses, one per role in the order of ROLES.
OPEN_TO_ALL = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)
WORKS_WITH_SOCIETIES = (302, 200, 200, 200, 200, 200, 403)
KENYAS_RECORDS = (302, 200, 404, 200, 404, 200, 404)
KENYAS_PROFILE_FORM = (
    302,
    200,
    404,
    403,
    404,
    403,
    404,
)  # and every form that keeps Kenya's records
FOCAL_POINTS_ONLY = (302, 200, 200, 403, 403, 403, 403)
MANAGERS_ONLY = (302, 403, 403, 200, 200, 200, 403)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405)
# Signing out and the language switcher take a POST from anyone, signed in or not.
OPEN_TO_ALL_POST_ONLY = (405, 405, 405, 405, 405, 405, 405)
ADMIN_FOR_CONTENT_EDITORS = (302, 302, 302, 302, 302, 302, 200)


@dataclass(frozen=True)
class Row:
    """How to reverse a URL name from the objects, what each role gets, and where 302s go."""

    args: object
    statuses: tuple[int, ...]
    login: str = "login"


def no_args(objects):
    return []


def kenya_iso(objects):
    return [objects.kenya.iso2]


def kenya_assessment_pk(objects):
    return [objects.assessment.pk]


def kenya_briefing_pk(objects):
    return [objects.briefing.pk]


URLS = {
    "home": Row(no_args, OPEN_TO_ALL),
    "health": Row(no_args, OPEN_TO_ALL),
    "ready": Row(no_args, OPEN_TO_ALL),
    "overview": Row(no_args, OPEN_TO_ALL),
    "sources": Row(no_args, OPEN_TO_ALL),
    "resources": Row(no_args, OPEN_TO_ALL),
    "search": Row(no_args, OPEN_TO_ALL),
    "society_list": Row(no_args, WORKS_WITH_SOCIETIES),
    "society_detail": Row(kenya_iso, KENYAS_RECORDS),
    "society_profile": Row(kenya_iso, KENYAS_PROFILE_FORM),
    "society_report": Row(kenya_iso, KENYAS_RECORDS),
    "dashboard": Row(no_args, MANAGERS_ONLY),
    "dashboard_csv": Row(no_args, MANAGERS_ONLY),
    "dashboard_xlsx": Row(no_args, MANAGERS_ONLY),
    "login": Row(no_args, OPEN_TO_ALL),
    "logout": Row(no_args, OPEN_TO_ALL_POST_ONLY),
    "set_language": Row(no_args, OPEN_TO_ALL_POST_ONLY),
    "password_change": Row(no_args, SIGNED_IN),
    "account_notices": Row(no_args, SIGNED_IN),
    "password_change_done": Row(no_args, SIGNED_IN),
    "password_reset": Row(no_args, OPEN_TO_ALL),
    "password_reset_done": Row(no_args, OPEN_TO_ALL),
    # A made-up link ("bm9ib2R5" is "nobody"): the page answers 200 and says it is invalid.
    "password_reset_confirm": Row(lambda objects: ["bm9ib2R5", "made-up-token"], OPEN_TO_ALL),
    "password_reset_complete": Row(no_args, OPEN_TO_ALL),
    "risks:index": Row(no_args, OPEN_TO_ALL),
    "risks:detail": Row(lambda objects: [objects.risk_factor.code], OPEN_TO_ALL),
    "standards:index": Row(no_args, OPEN_TO_ALL),
    "standards:item": Row(lambda objects: [objects.item.code], OPEN_TO_ALL),
    "standards:assessment_list": Row(no_args, WORKS_WITH_SOCIETIES),
    "standards:review_queue": Row(no_args, MANAGERS_ONLY),
    "standards:assessment_start": Row(no_args, FOCAL_POINTS_ONLY),
    "standards:assessment_detail": Row(kenya_assessment_pk, KENYAS_RECORDS),
    "standards:assessment_section": Row(lambda objects: [objects.assessment.pk, 1], KENYAS_RECORDS),
    "standards:assessment_submit": Row(kenya_assessment_pk, POST_ONLY),
    "standards:assessment_review": Row(kenya_assessment_pk, POST_ONLY),
    "standards:assessment_comment": Row(lambda objects: [objects.assessment.pk, 1], POST_ONLY),
    "standards:assessment_actions": Row(kenya_assessment_pk, KENYAS_RECORDS),
    "standards:assessment_actions_csv": Row(kenya_assessment_pk, KENYAS_RECORDS),
    "standards:assessment_actions_xlsx": Row(kenya_assessment_pk, KENYAS_RECORDS),
    "standards:assessment_action": Row(lambda objects: [objects.assessment.pk, "1.1"], POST_ONLY),
    "standards:assessment_history": Row(kenya_assessment_pk, KENYAS_RECORDS),
    "casemgmt:index": Row(no_args, OPEN_TO_ALL),
    "casemgmt:continuity": Row(kenya_iso, KENYAS_RECORDS),
    "casemgmt:continuity_start": Row(kenya_iso, POST_ONLY),
    "casemgmt:strategy_change": Row(kenya_iso, KENYAS_PROFILE_FORM),
    "advocacy:index": Row(no_args, OPEN_TO_ALL),
    "advocacy:message": Row(lambda objects: [objects.message.code], OPEN_TO_ALL),
    "advocacy:briefing_list": Row(no_args, WORKS_WITH_SOCIETIES),
    "advocacy:briefing_start": Row(no_args, FOCAL_POINTS_ONLY),
    "advocacy:briefing_detail": Row(kenya_briefing_pk, KENYAS_RECORDS),
    "advocacy:briefing_edit": Row(kenya_briefing_pk, KENYAS_PROFILE_FORM),
    "advocacy:briefing_add": Row(kenya_briefing_pk, POST_ONLY),
    "advocacy:briefing_docx": Row(kenya_briefing_pk, KENYAS_RECORDS),
    "advocacy:briefing_history": Row(kenya_briefing_pk, KENYAS_RECORDS),
    "admin:index": Row(no_args, ADMIN_FOR_CONTENT_EDITORS, login="admin:login"),
}

# The rest of the admin namespace is skipped on purpose: its names follow the registered
# models, and the admin site guards them all with the same has_permission as admin:index.
SKIPPED_NAMESPACES = {"admin"}


def named_urls(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_the_table_lists_every_named_url_of_the_project():
    found = {
        name
        for name in named_urls(get_resolver())
        if name in URLS or name.split(":")[0] not in SKIPPED_NAMESPACES
    }
    assert found == set(URLS)


@pytest.fixture
def objects(kenya_assessment, kenya, focal_ke):
    """Kenya's draft assessment and advocacy briefing, and one guidance object of each kind a
    URL names."""
    message = MessageFactory()
    return SimpleNamespace(
        kenya=kenya,
        assessment=kenya_assessment,
        briefing=start_briefing(kenya, focal_ke, codes=[message.code]),
        item=ChecklistItemFactory(section=Section.objects.get(number=1), position=50),
        risk_factor=RiskFactorFactory(),
        message=message,
    )


def sign_in(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def expected(statuses):
    """Parametrize over the roles, each with its expected status."""
    return pytest.mark.parametrize(("role", "status"), list(zip(ROLES, statuses, strict=True)))


def assert_redirected_to_login(response, login="login"):
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse(login)


def answer(response) -> tuple[int, str | None]:
    """A response's status, and where it redirects to."""
    location = response.get("Location")
    return response.status_code, urlsplit(location).path if location else None


@pytest.mark.parametrize("name", URLS)
def test_each_url_answers_each_role_as_expected(client, request, objects, name):
    """Each role in turn, signed out then in again: a GET changes nothing, so the objects are
    built once for the seven roles."""
    row = URLS[name]
    url = reverse(name, args=row.args(objects))
    answers = {}
    for role in ROLES:
        client.logout()
        sign_in(client, request, role)
        answers[role] = answer(client.get(url))
    assert answers == {
        role: (status, reverse(row.login) if status == 302 else None)
        for role, status in zip(ROLES, row.statuses, strict=True)
    }


@expected((302, 302, 404, 403, 404, 403, 404))
def test_submitting_kenyas_incomplete_draft(client, request, kenya_assessment, role, status):
    sign_in(client, request, role)
    before = database_state()
    response = client.post(reverse("standards:assessment_submit", args=[kenya_assessment.pk]))
    assert response.status_code == status
    if role == "anonymous":
        assert_redirected_to_login(response)
    if role == "focal_ke":
        assert response["Location"] == kenya_assessment.get_absolute_url()
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "Answer every item before submitting the assessment."
        ]
    kenya_assessment.refresh_from_db()
    assert kenya_assessment.status == Assessment.Status.DRAFT
    assert database_state() == before


@expected((302, 403, 404, 302, 404, 302, 404))
def test_returning_kenyas_submitted_assessment(client, request, submitted_assessment, role, status):
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("standards:assessment_review", args=[submitted_assessment.pk]),
        {"decision": "returned", "comment": "Say who owns the referral pathway."},
    )
    assert response.status_code == status
    submitted_assessment.refresh_from_db()
    if role in ("manager_africa", "manager"):
        assert response["Location"] == submitted_assessment.get_absolute_url()
        assert submitted_assessment.status == Assessment.Status.RETURNED
        assert submitted_assessment.review_comment == "Say who owns the referral pathway."
    else:
        assert submitted_assessment.status == Assessment.Status.SUBMITTED
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 403, 404, 302, 404, 302, 404))
def test_commenting_on_an_item_of_kenyas_submitted_assessment(
    client, request, submitted_assessment, role, status
):
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("standards:assessment_comment", args=[submitted_assessment.pk, 1]),
        {"item": "1.1", "text": "Name the role that owns this."},
    )
    assert response.status_code == status
    comments = ItemComment.objects.filter(answer__assessment=submitted_assessment)
    if role in ("manager_africa", "manager"):
        assert response["Location"].endswith("/section/1/#answer-1.1")
        assert [comment.text for comment in comments] == ["Name the role that owns this."]
    else:
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 302, 404, 403, 404, 403, 404))
def test_updating_an_action_of_kenyas_submitted_plan(
    client, request, submitted_assessment, role, status
):
    submitted_assessment.answers.filter(item_code="1.1").update(result=Result.NOT_MET)
    answer = submitted_assessment.answers.get(item_code="1.1")
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("standards:assessment_action", args=[submitted_assessment.pk, "1.1"]),
        action_data(answer, action_status="in-progress", priority="high"),
    )
    assert response.status_code == status
    answer.refresh_from_db()
    if role == "focal_ke":
        assert response["Location"].endswith("/actions/#action-1.1")
        assert (answer.action_status, answer.priority) == ("in-progress", "high")
    else:
        assert (answer.action_status, answer.priority) == ("to-do", "medium")
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 302, 404, 403, 404, 403, 404))
def test_saving_kenyas_profile(client, request, kenya, role, status):
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("society_profile", args=["KE"]),
        profile_data(roles=[("PGI focal point", "Referrals")]),
    )
    assert response.status_code == status
    if role == "focal_ke":
        assert response["Location"] == kenya.get_absolute_url()
        profile = SocietyProfile.objects.get(national_society=kenya)
        assert profile.specialised_measures_apply()
        assert list(profile.contact_roles.values_list("title", flat=True)) == ["PGI focal point"]
    else:
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 302, 400, 403, 403, 403, 403))
def test_starting_an_assessment_for_kenya(client, request, catalogue, kenya, role, status):
    sign_in(client, request, role)
    before = database_state()
    response = client.post(reverse("standards:assessment_start"), {"national_society": kenya.pk})
    assert response.status_code == status
    if role == "focal_ke":
        started = Assessment.objects.get(national_society=kenya)
        assert response["Location"] == started.get_absolute_url()
        assert started.status == Assessment.Status.DRAFT
        assert started.answers.exists()
    else:
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 302, 404, 403, 404, 403, 404))
def test_starting_kenyas_continuity_plan(client, request, kenya, role, status):
    build_protocols()
    sign_in(client, request, role)
    before = database_state()
    response = client.post(reverse("casemgmt:continuity_start", args=["KE"]))
    assert response.status_code == status
    if role == "focal_ke":
        assert ContinuityPlan.objects.get(national_society=kenya).steps.count() == 4
    else:
        assert database_state() == before


@expected((302, 302, 404, 403, 404, 403, 404))
def test_recording_kenyas_strategy_in_force(client, request, kenya, role, status):
    containment, _ = build_protocols()
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("casemgmt:strategy_change", args=["KE"]),
        {"strategy": containment.pk, "since": "2020-03-15"},
    )
    assert response.status_code == status
    if role == "focal_ke":
        assert StrategyRecord.objects.get(national_society=kenya).strategy == containment
    else:
        assert database_state() == before


@expected((302, 302, 404, 403, 404, 403, 404))
def test_saving_kenyas_briefing(client, request, kenya, focal_ke, role, status):
    message = MessageFactory()
    briefing = start_briefing(kenya, focal_ke, codes=[message.code])
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("advocacy:briefing_edit", args=[briefing.pk]),
        {
            "version": 1,
            "title": "Donor round table",
            "initial-title": briefing.title,
            "audience": briefing.audience,
            "approach": briefing.approach_id,
            "quotes-TOTAL_FORMS": 0,
            "quotes-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == status
    briefing.refresh_from_db()
    if role == "focal_ke":
        assert briefing.title == "Donor round table"
    else:
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)


@expected((302, 302, 404, 403, 404, 403, 404))
def test_adding_a_message_to_kenyas_briefing(client, request, kenya, focal_ke, role, status):
    first, second = MessageFactory(), MessageFactory()
    briefing = start_briefing(kenya, focal_ke, codes=[first.code])
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("advocacy:briefing_add", args=[briefing.pk]),
        {"version": 1, "message": second.code},
    )
    assert response.status_code == status
    codes = list(briefing.quoted_messages.values_list("code", flat=True))
    if role == "focal_ke":
        assert codes == [first.code, second.code]
    else:
        assert database_state() == before


@expected((302, 302, 400, 403, 403, 403, 403))
def test_starting_a_briefing_for_kenya(client, request, kenya, role, status):
    message = MessageFactory()
    sign_in(client, request, role)
    before = database_state()
    response = client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": kenya.pk,
            "title": "Ministry of Health",
            "audience": "authorities",
            "approach": message.objective.approach_id,
            "message": message.code,
        },
    )
    assert response.status_code == status
    if role == "focal_ke":
        started = Briefing.objects.get(national_society=kenya)
        assert response["Location"] == reverse("advocacy:briefing_edit", args=[started.pk])
    else:
        assert database_state() == before
    if role == "anonymous":
        assert_redirected_to_login(response)
