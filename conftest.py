"""The fixed cast every access test uses: two National Societies in two regions, and one user
per role."""

import factory.random
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from standards.services import assessment_start, assessment_submit
from standards.tests.factories import answer_all, build_catalogue
from tipguide.core.services import GUIDANCE_FIXTURES, guidance_seed
from tipguide.organisations.models import CONTENT_EDITORS, Membership
from tipguide.organisations.tests.factories import (
    MembershipFactory,
    NationalSocietyFactory,
    RegionFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the strength of the hash is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with an empty cache: pages cached by one test must not leak into another."""
    cache.clear()


@pytest.fixture(autouse=True)
def same_made_up_words():
    """Make the factories' made-up words the same on every run: a word a test searches for
    ("children") cannot then turn up by chance in one run and not in another."""
    factory.random.reseed_random("tipguide")


@pytest.fixture(autouse=True)
def english_first():
    """Start each test in English: a request in another language leaves that language active in
    the test's thread, and every later reverse() would take its prefix."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def guidance(db):
    """Seed the guidance's content from fixtures/, as `make run` does (the National Societies
    aside: the tests that need them seed them)."""
    guidance_seed(fixtures=[name for name in GUIDANCE_FIXTURES if name != "societies"])


@pytest.fixture
def full_guidance(db):
    """All that seed_guidance loads, the National Societies included."""
    call_command("seed_guidance", verbosity=0)


@pytest.fixture(scope="module")
def _guidance_seeded_for_module(django_db_setup, django_db_blocker):
    """Seed the whole guidance once for a module, in a transaction rolled back after its last
    test. Each test runs in a savepoint inside it, so whatever a test writes is undone too.

    Module-scoped, not session-scoped: the rows must not be there for other modules' tests,
    which build their own National Societies and sections with the same codes. No transactional
    test (live_server, transaction=True) may share a module with it: it would commit and flush.
    """
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        call_command("seed_guidance", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)


@pytest.fixture
def seeded_guidance(_guidance_seeded_for_module, db):
    """All that seed_guidance loads, seeded once per module: for tests that only read it."""


@pytest.fixture
def africa(db):
    return RegionFactory(code="africa", name="Africa")


@pytest.fixture
def asia_pacific(db):
    return RegionFactory(code="asia-pacific", name="Asia Pacific")


@pytest.fixture
def kenya(africa):
    return NationalSocietyFactory(
        iso2="KE", iso3="KEN", name="Kenya Red Cross Society", region=africa
    )


@pytest.fixture
def philippines(asia_pacific):
    return NationalSocietyFactory(
        iso2="PH", iso3="PHL", name="Philippine Red Cross", region=asia_pacific
    )


@pytest.fixture
def focal_ke(kenya):
    return MembershipFactory(user__username="focal-ke", national_society=kenya).user


@pytest.fixture
def focal_ph(philippines):
    return MembershipFactory(user__username="focal-ph", national_society=philippines).user


@pytest.fixture
def manager(db):
    return MembershipFactory(
        user__username="manager", role=Membership.Role.MANAGER, national_society=None
    ).user


@pytest.fixture
def manager_africa(africa):
    return MembershipFactory(
        user__username="manager-africa",
        role=Membership.Role.MANAGER,
        national_society=None,
        region=africa,
    ).user


@pytest.fixture
def manager_asia(asia_pacific):
    return MembershipFactory(
        user__username="manager-asia",
        role=Membership.Role.MANAGER,
        national_society=None,
        region=asia_pacific,
    ).user


@pytest.fixture
def editor(db):
    """A content editor: staff, in the Content editors group, with no membership."""
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


@pytest.fixture
def catalogue(db):
    build_catalogue()


@pytest.fixture
def kenya_assessment(catalogue, kenya, focal_ke):
    return assessment_start(national_society=kenya, user=focal_ke)


@pytest.fixture
def submitted_assessment(kenya_assessment, focal_ke):
    """Kenya's assessment, every item answered and submitted for review."""
    assessment_submit(assessment=answer_all(kenya_assessment), user=focal_ke)
    kenya_assessment.refresh_from_db()
    return kenya_assessment


@pytest.fixture
def philippines_assessment(catalogue, philippines, focal_ph):
    return assessment_start(national_society=philippines, user=focal_ph)
