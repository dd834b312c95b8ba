from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tipguide.models import GuidanceText


class Section(GuidanceText):
    """A section of the minimum-standards checklist; `text` is its introduction."""

    NATURAL_KEY = ("number",)

    class AppliesTo(models.TextChoices):
        ALL = "all", _("Every National Society")
        TIP_EXPERIENCED = "tip-experienced", _("National Societies with TiP experience or services")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    applies_to = models.CharField(
        _("applies to"), max_length=20, choices=AppliesTo.choices, default=AppliesTo.ALL
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("checklist section")
        verbose_name_plural = _("checklist sections")

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{reverse('standards:index')}#section-{self.number}"


class ChecklistItem(GuidanceText):
    """One thing a National Society should do, as a bullet of the guidance."""

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="items", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    lead_in = models.CharField(
        _("lead-in"),
        max_length=300,
        blank=True,
        help_text=_("The guidance's words that introduce the list this item belongs to."),
    )

    class Meta:
        ordering = ["section__number", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return f"{self.code} {self.key_phrase or self.plain_text()[:80]}"

    def get_absolute_url(self):
        return reverse("standards:item", args=[self.code])


class Topic(GuidanceText):
    """A topic that a checklist item's training covers."""

    NATURAL_KEY = ("item__code", "position")

    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="topics", verbose_name=_("item")
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="unique_topic_position")
        ]
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self):
        return self.plain_text()

    def get_absolute_url(self):
        return self.item.get_absolute_url()
