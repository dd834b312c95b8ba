import factory

from standards.models import ChecklistItem, Result, Section, Topic


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


def build_catalogue(items_per_section=(3, 2, 2)):
    """Sections 1 to 3 (3 for National Societies with TiP experience) with a few items each."""
    for number, count in enumerate(items_per_section, 1):
        section = SectionFactory(
            number=number,
            applies_to=Section.AppliesTo.TIP_EXPERIENCED if number == 3 else Section.AppliesTo.ALL,
        )
        for position in range(1, count + 1):
            ChecklistItemFactory(section=section, position=position)


def answer_all(assessment, result=Result.MET, **fields):
    """Answer every item of `assessment` the same way."""
    assessment.answers.update(result=result, **fields)
    return assessment
