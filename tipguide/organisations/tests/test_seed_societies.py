"""The seeded National Societies and regions are IFRC GO's public country list."""

import pytest
from django.db.models import Q
from django.utils import translation

from tipguide.organisations.models import NationalSociety, Region

REGIONS = {
    "africa": ("Africa", 49),
    "americas": ("Americas", 35),
    "asia-pacific": ("Asia Pacific", 38),
    "europe": ("Europe", 54),
    "mena": ("Middle East and North Africa", 17),
}


def test_all_193_national_societies_are_seeded_with_unique_codes(seeded_guidance):
    societies = NationalSociety.objects.all()
    assert societies.count() == 193
    assert len(set(societies.values_list("iso3", flat=True))) == 193


@pytest.mark.parametrize(("code", "name", "count"), [(c, *v) for c, v in REGIONS.items()])
def test_each_region_holds_its_national_societies(seeded_guidance, code, name, count):
    region = Region.objects.get(code=code)
    assert region.name == name
    assert region.societies.count() == count


@pytest.mark.parametrize(
    ("iso2", "fields"),
    [
        (
            "KE",
            {
                "iso3": "KEN",
                "country": "Kenya",
                "name": "Kenya Red Cross Society",
                "name_fr": "Croix-Rouge du Kenya",
                "name_es": "Cruz Roja de Kenia",
                "name_ar": "جمعية الصليب الأحمر الكينية",
                "fdrs": "DKE001",
                "website": "https://www.redcross.or.ke/",
            },
        ),
        (
            "PH",
            {
                "iso3": "PHL",
                "country": "Philippines",
                "name": "Philippine Red Cross",
                "name_fr": "Croix-Rouge philippine",
                "name_es": "Cruz Roja Filipina",
                "name_ar": "الصليب الأحمر الفلبيني",
                "fdrs": "DPH001",
                "website": "http://www.redcross.org.ph/",
            },
        ),
    ],
)
def test_a_national_society_keeps_its_codes_and_names_in_four_languages(
    seeded_guidance, iso2, fields
):
    society = NationalSociety.objects.get(iso2=iso2)
    assert {name: getattr(society, name) for name in fields} == fields


def test_kenya_is_in_africa_and_the_philippines_in_asia_pacific(seeded_guidance):
    assert NationalSociety.objects.get(iso2="KE").region.code == "africa"
    assert NationalSociety.objects.get(iso2="PH").region.code == "asia-pacific"


def test_every_national_society_has_its_names_in_the_four_languages(seeded_guidance):
    missing = NationalSociety.objects.filter(
        Q(name_fr="")
        | Q(name_es="")
        | Q(name_ar="")
        | Q(name_fr__isnull=True)
        | Q(name_es__isnull=True)
        | Q(name_ar__isnull=True)
    )
    assert not missing.exists()


@pytest.mark.parametrize(
    ("language", "society", "region"),
    [
        ("en", "Kenya Red Cross Society", "Africa"),
        ("fr", "Croix-Rouge du Kenya", "Afrique"),
        ("es", "Cruz Roja de Kenia", "África"),
        ("ar", "جمعية الصليب الأحمر الكينية", "أفريقيا"),
    ],
)
def test_names_are_in_the_readers_language(seeded_guidance, language, society, region):
    kenya = NationalSociety.objects.select_related("region").get(iso2="KE")
    with translation.override(language):
        assert (str(kenya), str(kenya.region)) == (society, region)


def test_the_regions_have_ifrcs_names_in_the_four_languages(seeded_guidance):
    mena = Region.objects.get(code="mena")
    assert (mena.name_en, mena.name_fr, mena.name_es, mena.name_ar) == (
        "Middle East and North Africa",
        "Moyen-Orient et Afrique du Nord",
        "Oriente Medio y Norte de África",
        "الشرق الأوسط وشمال أفريقيا",
    )
