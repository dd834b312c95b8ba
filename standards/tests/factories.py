import factory

from standards.models import ChecklistItem, Section, Topic


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    number = factory.Sequence(lambda n: n % 99 + 1)
    title = factory.Faker("sentence", nb_words=6)
    text = factory.Faker("paragraph")


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.LazyAttribute(lambda f: f"{f.section.number}.{f.position}")
    text = factory.Faker("sentence", nb_words=20)
    emphasis = factory.LazyAttribute(lambda f: [f.text.split(" ", 3)[0]])


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    item = factory.SubFactory(ChecklistItemFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    text = factory.Faker("sentence", nb_words=5)
