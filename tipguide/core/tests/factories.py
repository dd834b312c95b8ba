import factory

from tipguide.core.models import DefinitionElement, Page, Passage, Resource, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    number = factory.Sequence(lambda n: n % 99 + 1)
    text = factory.Faker("sentence", nb_words=12)
    url = factory.Faker("url")


class PassageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Passage

    slug = factory.Sequence(lambda n: f"passage-{n}")
    page = Page.OVERVIEW
    text = factory.Faker("paragraph")


class DefinitionElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DefinitionElement
        django_get_or_create = ["key"]

    key = DefinitionElement.Key.ACT
    text = factory.Faker("sentence")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    slug = factory.Sequence(lambda n: f"resource-{n}")
    collection = Resource.Collection.IFRC
    title = factory.Faker("sentence", nb_words=6)
