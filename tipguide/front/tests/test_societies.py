"""National Society pages and profiles, accounts, roles and the demo data."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from advocacy.tests.factories import ApproachFactory
from risks.tests.factories import RiskFactorFactory
from standards.models import Assessment
from standards.notices import reminders
from tipguide.core.tests.posting import form_as_shown
from tipguide.core.tests.racing import needs_row_locks, race
from tipguide.organisations.forms import ContactRoleFormSet, SocietyProfileForm
from tipguide.organisations.models import ContactRole, NationalSociety, SocietyProfile
from tipguide.organisations.services import society_profile_update
from tipguide.organisations.tests.factories import (
    NationalSocietyFactory,
    SocietyProfileFactory,
    UserFactory,
)
from tipguide.organisations.tests.posting import profile_data


def test_a_focal_point_records_the_three_profile_facts_and_its_contact_roles(
    client, kenya, focal_ke
):
    ApproachFactory(number=1, for_societies_engaging_with_trafficked_people=False)
    ApproachFactory(number=2, for_societies_engaging_with_trafficked_people=True)
    client.force_login(focal_ke)
    response = client.post(
        reverse("society_profile", args=["KE"]),
        profile_data(roles=[("PGI focal point", "Trafficking referrals")]),
    )
    assert response.status_code == 302
    profile = SocietyProfile.objects.get(national_society=kenya)
    assert profile.has_tip_skills_and_experience
    assert profile.has_tip_programmes_or_services
    assert profile.engages_with_trafficked_people
    assert profile.updated_by == focal_ke
    assert list(ContactRole.objects.values_list("title", flat=True)) == ["PGI focal point"]
    page = client.get(kenya.get_absolute_url())
    assert "advocacy Approach 2 is recommended" in page.text
    assert "PGI focal point: Trafficking referrals" in page.text


def test_approach_2_is_recommended_on_engaging_with_trafficked_people_with_the_reason(
    client, kenya, focal_ke
):
    """ "Raise specific issues related to TiP within Covid-19 responses - recommended for National
    Societies who currently engage with trafficked people." """
    ApproachFactory(
        number=1,
        for_societies_engaging_with_trafficked_people=False,
        recommended_for="recommended for National Societies who do not currently engage with "
        "trafficked people.",
    )
    ApproachFactory(number=2, for_societies_engaging_with_trafficked_people=True)
    SocietyProfileFactory(
        national_society=kenya,
        has_tip_skills_and_experience=True,
        has_tip_programmes_or_services=True,
    )
    client.force_login(focal_ke)
    page = client.get(kenya.get_absolute_url()).text
    assert (
        "advocacy Approach 1 is recommended</a>: recommended for National Societies who do not"
        in page
    )
    SocietyProfile.objects.filter(national_society=kenya).update(
        engages_with_trafficked_people=True
    )
    page = client.get(kenya.get_absolute_url()).text
    assert (
        "advocacy Approach 2 is recommended</a>: recommended for National Societies who currently"
        in page
    )
    library = client.get(reverse("advocacy:index")).text
    assert "Approach 2 is recommended, going by its profile: recommended for National" in library


def test_a_stale_profile_save_changes_nothing(client, kenya, focal_ke):
    SocietyProfileFactory(national_society=kenya, has_tip_programmes_or_services=True, version=3)
    client.force_login(focal_ke)
    response = client.post(
        reverse("society_profile", args=["KE"]), profile_data(version=2, facts=()), follow=True
    )
    assert "Someone saved this profile after you opened the page" in response.text
    assert SocietyProfile.objects.get(national_society=kenya).has_tip_programmes_or_services


def test_saving_the_profile_conflict_page_as_shown_keeps_what_a_colleague_saved(
    client, kenya, focal_ke
):
    profile = SocietyProfileFactory(national_society=kenya)
    role = ContactRole.objects.create(profile=profile, title="PGI focal point", position=1)
    client.force_login(focal_ke)
    url = reverse("society_profile", args=["KE"])
    opened = client.get(url).text
    colleague = {**form_as_shown(opened), "engages_with_trafficked_people": "on"}
    assert client.post(url, colleague).status_code == 302
    mine = form_as_shown(opened)
    mine[next(k for k, v in mine.items() if v == "" and k.endswith("0-responsibility"))] = (
        "Trafficking referrals"
    )
    conflict = client.post(url, mine)
    assert conflict.status_code == 409
    assert "Someone saved this profile after you opened the page" in conflict.text
    assert client.post(url, form_as_shown(conflict.text)).status_code == 302
    profile.refresh_from_db()
    role.refresh_from_db()
    assert profile.engages_with_trafficked_people
    assert role.responsibility == "Trafficking referrals"


def test_two_first_saves_of_a_profile_give_the_second_a_conflict_not_an_error(
    client, kenya, focal_ke
):
    client.force_login(focal_ke)
    url = reverse("society_profile", args=["KE"])
    opened = client.get(url).text
    first = {**form_as_shown(opened), "has_tip_programmes_or_services": "on"}
    assert client.post(url, first).status_code == 302
    second = client.post(url, form_as_shown(opened))
    assert second.status_code == 409
    assert SocietyProfile.objects.get(national_society=kenya).has_tip_programmes_or_services


@pytest.mark.django_db(transaction=True)
def test_two_first_profile_saves_at_once_keep_one_and_refuse_the_other(kenya, focal_ke):
    needs_row_locks()

    def first_save(runs):
        profile = SocietyProfile(national_society=kenya)
        data = {"version": "1", "has_tip_programmes_or_services": runs}
        form = SocietyProfileForm(data, instance=profile)
        roles = ContactRoleFormSet(profile_data(roles=[("PGI focal point", "")]), instance=profile)
        assert form.is_valid() and roles.is_valid()
        society_profile_update(profile=profile, user=focal_ke, version=1, form=form, roles=roles)
        return runs

    for _ in range(5):
        outcomes = race(lambda: first_save(True), lambda: first_save(False))
        assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Stale", "bool"]
        saved = next(outcome for outcome in outcomes if isinstance(outcome, bool))
        profile = SocietyProfile.objects.get(national_society=kenya)
        assert profile.has_tip_programmes_or_services == saved
        assert ContactRole.objects.count() == 1
        SocietyProfile.objects.all().delete()


def test_the_profile_form_warns_against_personal_data(client, kenya, focal_ke):
    client.force_login(focal_ke)
    response = client.get(reverse("society_profile", args=["KE"]))
    assert "no names, phone numbers or other personal data" in response.text


def test_a_regional_manager_sees_only_the_societies_of_their_region(
    client, kenya, philippines, manager_africa
):
    NationalSocietyFactory(iso2="GH", name="Ghana Red Cross Society", region=kenya.region)
    client.force_login(manager_africa)
    response = client.get(reverse("society_list"))
    assert "Kenya Red Cross Society" in response.text
    assert "Ghana Red Cross Society" in response.text
    assert "Philippine Red Cross" not in response.text


def test_a_user_without_a_role_sees_only_the_public_guidance(client, kenya):
    client.force_login(UserFactory())
    assert client.get(reverse("society_list")).status_code == 403
    assert client.get(reverse("standards:assessment_list")).status_code == 403
    assert client.get(reverse("society_detail", args=["KE"])).status_code == 404
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("societies", [3, 30])
def test_the_society_list_needs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, manager, societies
):
    for _ in range(societies):
        SocietyProfileFactory()
    client.force_login(manager)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("society_list"))
    assert response.status_code == 200


def test_a_content_editor_changes_guidance_in_the_admin_and_nothing_else(client, editor, kenya):
    factor = RiskFactorFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200
    change_url = reverse("admin:risks_riskfactor_change", args=[factor.pk])
    assert client.get(change_url).status_code == 200
    assert client.get(reverse("admin:organisations_membership_changelist")).status_code == 403
    assert client.get(reverse("admin:standards_assessment_changelist")).status_code == 403


def test_a_focal_point_cannot_use_the_admin(client, focal_ke):
    client.force_login(focal_ke)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_signing_in_leads_to_the_users_national_societies(client, focal_ke):
    response = client.post(
        reverse("login"), {"username": "focal-ke", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("society_list")


def test_a_wrong_password_is_refused_with_a_message(client, focal_ke):
    response = client.post(reverse("login"), {"username": "focal-ke", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


def test_a_forgotten_password_is_reset_by_email(client, focal_ke):
    client.post(reverse("password_reset"), {"email": focal_ke.email})
    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/reset/\S+/", mail.outbox[0].body)[0]
    form = client.get(link, follow=True)
    new = {"new_password1": "another-long-password", "new_password2": "another-long-password"}
    client.post(form.redirect_chain[-1][0], new)
    signed_in = client.post(
        reverse("login"), {"username": "focal-ke", "password": "another-long-password"}
    )
    assert signed_in.status_code == 302


def test_seed_demo_refuses_to_run_without_debug(settings, full_guidance):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_seed_demo_creates_the_demo_accounts_and_assessments_once(settings, full_guidance):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    users = get_user_model().objects
    for username in ["focal-ke", "focal-ph", "manager", "manager-africa", "editor", "admin"]:
        assert users.get(username=username).check_password("tipguide-demo")
    kenya = NationalSociety.objects.get(iso2="KE")
    assert kenya.can_edit(users.get(username="focal-ke"))
    assert not Assessment.objects.open().filter(national_society=kenya).exists()
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "reviewed"}
    societies = Assessment.objects.values("national_society").distinct().count()
    regions = Assessment.objects.values("national_society__region").distinct().count()
    assert (societies >= 25, regions) == (True, 5)
    count = Assessment.objects.count()
    call_command("seed_demo", stdout=None)
    assert Assessment.objects.count() == count


def test_seed_demo_dates_nothing_in_the_future_and_leaves_work_to_show(settings, full_guidance):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    now = timezone.now()
    for field in ["created_at", "updated_at", "submitted_at", "reviewed_at"]:
        assert not Assessment.objects.filter(**{f"{field}__gt": now}).exists(), field
    assert not mail.outbox  # the demo's submissions announce nothing
    manager = get_user_model().objects.get(username="manager")
    assert Assessment.objects.awaiting_review_by(manager).exists()
    digests = {message.to[0]: message.body for message in reminders()}
    assert "overdue since" in digests["focal-ke@example.org"]
    assert "waiting" in digests["manager@example.org"]
    kenya = Assessment.objects.filter(national_society__iso2="KE", status="reviewed")
    assert kenya.count() >= 2  # two cycles to compare


def test_a_content_editor_signs_in_through_the_admin_login(client, editor):
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-test-password", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_focal_point_cannot_sign_in_through_the_admin_login(client, focal_ke):
    response = client.post(
        reverse("admin:login"), {"username": "focal-ke", "password": "a-long-test-password"}
    )
    assert response.status_code == 200
    assert "staff account" in response.text


def test_five_wrong_passwords_lock_the_account_for_a_while(client, focal_ke):
    for _ in range(5):
        client.post(reverse("login"), {"username": "focal-ke", "password": "wrong"})
    locked = client.post(
        reverse("login"), {"username": "focal-ke", "password": "a-long-test-password"}
    )
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.text


def test_the_society_page_offers_a_new_assessment_only_when_none_is_open(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    page = client.get(reverse("society_detail", args=["KE"]))
    assert "Start an assessment" not in page.text
    assert "The draft assessment has 5 items to answer." in page.text
