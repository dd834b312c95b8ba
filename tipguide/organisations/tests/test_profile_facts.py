"""The three profile facts the guidance asks, and what each decides."""

import pytest

from tipguide.organisations.tests.factories import SocietyProfileFactory


@pytest.mark.parametrize(
    ("facts", "applies"),
    [
        ({}, False),
        ({"has_tip_skills_and_experience": True}, True),
        ({"has_tip_programmes_or_services": True}, True),
        ({"engages_with_trafficked_people": True}, False),
    ],
)
def test_the_specialised_measures_apply_on_skills_and_experience_or_existing_programmes(
    kenya, facts, applies
):
    """ "where a National Society has skills and experience in responding to child protection,
    sexual and gender-based violence and TiP and/or has existing TiP programs and services, they
    can consider undertaking the more specialised measures" """
    SocietyProfileFactory(national_society=kenya, **facts)
    kenya.refresh_from_db()
    assert kenya.specialised_measures_apply() is applies


def test_a_society_without_a_profile_gets_neither_section_3_nor_approach_2(kenya):
    assert not kenya.specialised_measures_apply()
    assert not kenya.engages_with_trafficked_people()


def test_the_profile_names_each_fact_in_the_guidance_words(kenya):
    profile = SocietyProfileFactory(national_society=kenya, engages_with_trafficked_people=True)
    assert profile.facts() == [
        (
            "has skills and experience in responding to child protection, sexual and "
            "gender-based violence and TiP",
            False,
        ),
        ("has existing TiP programs and services", False),
        ("currently engages with trafficked people", True),
    ]
