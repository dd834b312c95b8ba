"""The fixed cast every access test uses: two National Societies in two regions, and one user
per role."""

from io import StringIO

import factory.random
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from standards.services import assessment_start, assessment_submit
from standards.tests.factories import answer_all, build_catalogue
from tipguide.core.services import GUIDANCE_FIXTURES, guidance_seed
from tipguide.core.tests.database import database_copy, database_restore
from tipguide.organisations.models import CONTENT_EDITORS, Membership
from tipguide.organisations.tests.factories import (
    MembershipFactory,
    NationalSocietyFactory,
    RegionFactory,
    UserFactory,
)

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the strength of the hash is not under test."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


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


def seeded_copy(django_db_blocker, seed):
    """A copy of the database as `seed()` leaves it, run in a transaction then rolled back:
    none of its rows stay for the tests that do not ask for them. The passwords are hashed as
    fast_password_hashing has each test check them."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
    ):
        seed()
        copy = database_copy()
        transaction.set_rollback(True)
    return copy


def restored(copy):
    """Put the copied rows in place of the database's, for one test. Its writes are undone
    after it as ever, by the rollback or the flush."""
    database_restore(copy)
    yield
    # Those undone, the content types may have other ids than the copy's again.
    ContentType.objects.clear_cache()


def seed_guidance():
    call_command("seed_guidance", verbosity=0)


def seed_demo():
    seed_guidance()
    with override_settings(DEBUG=True):  # seed_demo runs only with DEBUG on
        call_command("seed_demo", stdout=StringIO())


@pytest.fixture(scope="session")
def _guidance_copy(django_db_setup, django_db_blocker):
    return seeded_copy(django_db_blocker, seed_guidance)


@pytest.fixture(scope="session")
def _demo_copy(django_db_setup, django_db_blocker):
    return seeded_copy(django_db_blocker, seed_demo)


@pytest.fixture
def full_guidance(_guidance_copy, db):
    """All that seed_guidance loads, the National Societies included: seeded once per test
    process, then copied back for each test, much quicker than seeding again."""
    yield from restored(_guidance_copy)


@pytest.fixture
def demo_data(_demo_copy, db):
    """The guidance and the demo accounts, National Societies and assessments, as seed_guidance
    and seed_demo leave them, in place of anything else in the database; copied back for each
    test as `full_guidance` is. The pages are served as in production (DEBUG off), the error
    pages too."""
    yield from restored(_demo_copy)


@pytest.fixture(scope="module")
def _guidance_seeded_for_module(_guidance_copy, django_db_blocker):
    """Put the whole guidance's rows back once for a module, in a transaction rolled back after
    its last test. Each test runs in a savepoint inside it, so whatever a test writes is undone
    too.

    Module-scoped, not session-scoped: the rows must not be there for other modules' tests,
    which build their own National Societies and sections with the same codes. No transactional
    test (live_server, transaction=True) may share a module with it: it would commit and flush.
    """
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        database_restore(_guidance_copy)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)
    ContentType.objects.clear_cache()


@pytest.fixture
def seeded_guidance(_guidance_seeded_for_module, db):
    """All that seed_guidance loads, put back once per module: for tests that only read it."""


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
