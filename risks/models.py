from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tipguide.core.models import GuidanceQuerySet, GuidanceRecord, GuidanceText, Search


class Category(GuidanceRecord):
    """One of the three main ways Covid-19 increases the risks of trafficking."""

    SEARCH = Search(2, _("Risk categories"), ("title", "intro", "note"))

    NATURAL_KEY = ("number",)

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("risk category")
        verbose_name_plural = _("risk categories")

    def __str__(self):
        return f"{self.number}) {self.title}"

    def get_absolute_url(self):
        return f"{reverse('risks:index')}#category-{self.number}"


class AtRiskGroup(GuidanceRecord):
    """A characteristic that may make people more vulnerable to trafficking."""

    SEARCH = Search(3, _("At-risk groups"), ("name",))

    NATURAL_KEY = ("slug",)

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("at-risk group")
        verbose_name_plural = _("at-risk groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('risks:index')}?group={self.slug}"


class RiskFactorQuerySet(GuidanceQuerySet):
    def in_category(self, number: int):
        return self.filter(category__number=number)

    def naming_group(self, slug: str):
        return self.filter(groups__slug=slug)


class RiskFactor(GuidanceText):
    """A numbered risk factor (1.1 to 3.3) with the guidance's full text."""

    SEARCH = Search(1, _("Risk factors"), ("code", "title", "text", "quote"))

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="factors", verbose_name=_("category")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    quote = models.TextField(_("quote"), blank=True)
    quote_attribution = models.CharField(_("quote attributed to"), max_length=200, blank=True)
    groups = models.ManyToManyField(
        AtRiskGroup,
        blank=True,
        related_name="factors",
        verbose_name=_("at-risk groups named"),
    )

    objects = models.Manager.from_queryset(RiskFactorQuerySet)()

    class Meta:
        ordering = ["category__number", "position"]
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("risks:detail", args=[self.code])
