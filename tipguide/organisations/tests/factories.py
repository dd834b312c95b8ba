import factory
from django.contrib.auth import get_user_model

from tipguide.organisations.models import Membership, NationalSociety, Region, SocietyProfile


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.LazyAttribute(lambda f: f.code.replace("-", " ").title())


class NationalSocietyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalSociety
        django_get_or_create = ["iso2"]

    iso2 = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso3 = factory.LazyAttribute(lambda f: f"{f.iso2}X")
    country = factory.Faker("country")
    name = factory.LazyAttribute(lambda f: f"{f.country} Red Cross")
    region = factory.SubFactory(RegionFactory)


class SocietyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocietyProfile
        django_get_or_create = ["national_society"]

    class Params:
        # A National Society that runs TiP services and works with trafficked people.
        runs_tip_services = factory.Trait(
            has_tip_programmes_or_services=True, engages_with_trafficked_people=True
        )

    national_society = factory.SubFactory(NationalSocietyFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Membership.Role.FOCAL_POINT
    national_society = factory.SubFactory(NationalSocietyFactory)
