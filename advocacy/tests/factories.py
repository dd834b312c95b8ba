import factory

from advocacy.models import Approach, CoreAsk, Message, Objective, Principle


class CoreAskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreAsk

    number = factory.Sequence(lambda n: n % 99 + 1)
    text = factory.Faker("sentence", nb_words=12)


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    number = factory.Sequence(lambda n: n % 99 + 1)
    text = factory.Faker("sentence", nb_words=12)


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approach

    number = factory.Sequence(lambda n: n % 99 + 1)
    title = factory.Faker("sentence", nb_words=5)
    summary = factory.Faker("sentence", nb_words=15)
    recommended_for = (
        "recommended for National Societies who currently engage with trafficked people."
    )
    text = factory.Faker("paragraph")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    approach = factory.SubFactory(ApproachFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.LazyAttribute(lambda f: f"{f.approach.number}.{f.position}")
    title = factory.Faker("sentence", nb_words=10)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    objective = factory.SubFactory(ObjectiveFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.LazyAttribute(lambda f: f"{f.objective.code}.{f.position}")
    text = factory.Faker("sentence", nb_words=25)
