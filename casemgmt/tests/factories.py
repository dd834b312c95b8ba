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


def build_protocols(steps_per_strategy=2):
    """Both strategies: containment steps C1.., and delay/mitigation prerequisites D1.."""
    containment = StrategyFactory(code=Strategy.Code.CONTAINMENT, position=1)
    delay = StrategyFactory(
        code=Strategy.Code.DELAY_MITIGATION, modality=Strategy.Modality.REMOTE, position=2
    )
    for position in range(1, steps_per_strategy + 1):
        ProtocolStepFactory(strategy=containment, position=position, code=f"C{position}")
        ProtocolStepFactory(
            strategy=delay, position=position, code=f"D{position}", is_prerequisite=True
        )
    return containment, delay
