import factory

from risks.models import AtRiskGroup, Category, RiskFactor


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    number = factory.Sequence(lambda n: n % 99 + 1)
    title = factory.Faker("sentence", nb_words=8)


class AtRiskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AtRiskGroup

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Faker("sentence", nb_words=4)
    position = factory.Sequence(int)


class RiskFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskFactor
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    position = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.LazyAttribute(lambda f: f"{f.category.number}.{f.position}")
    title = factory.Faker("sentence", nb_words=6)
    text = factory.Faker("paragraph", nb_sentences=6)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)
