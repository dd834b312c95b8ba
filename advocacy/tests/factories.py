import factory

from advocacy.models import Approach, CoreAsk, Message, Objective, Principle
from advocacy.services import briefing_start


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


def build_library(messages_per_objective: int) -> None:
    """Three core asks, two principles, two approaches of four objectives, each with
    `messages_per_objective` messages."""
    for number in (1, 2, 3):
        CoreAskFactory(number=number)
    for number in (1, 2):
        PrincipleFactory(number=number)
    for number in (1, 2):
        approach = ApproachFactory(number=number)
        approach.for_societies_engaging_with_trafficked_people = number == 2
        approach.save()
        for position in range(1, 5):
            objective = ObjectiveFactory(approach=approach, position=position)
            for message_position in range(1, messages_per_objective + 1):
                MessageFactory(objective=objective, position=message_position)


def start_briefing(society, user, *, codes=(), title="Ministry of Labour", audience="authorities"):
    """A briefing of `society` quoting the messages with `codes`, in that order."""
    by_code = Message.objects.in_bulk(list(codes), field_name="code")
    return briefing_start(
        national_society=society,
        user=user,
        title=title,
        audience=audience,
        approach=Approach.objects.order_by("number").first() or ApproachFactory(),
        messages=[by_code[code] for code in codes],
    )
