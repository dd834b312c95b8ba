import factory

from casemgmt.models import ProtocolStep, Strategy


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy
        django_get_or_create = ["code"]

    code = Strategy.Code.CONTAINMENT
    name = factory.LazyAttribute(lambda f: f"{Strategy.Code(f.code).label} strategy")
    modality = Strategy.Modality.FACE_TO_FACE
    text = factory.Faker("paragraph")


class ProtocolStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtocolStep

    strategy = factory.SubFactory(StrategyFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.Sequence(lambda n: f"S{n + 1}")
    text = factory.Faker("sentence", nb_words=15)
