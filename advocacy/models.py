from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tipguide.core.models import GuidanceQuerySet, GuidanceRecord, GuidanceText, Search


class CoreAsk(GuidanceText):
    """One of the three things messages should call for decision makers to ensure."""

    SEARCH = Search(12, _("Core asks"), ("text",))

    NATURAL_KEY = ("number",)

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("core ask")
        verbose_name_plural = _("core asks")

    def __str__(self):
        return f"{self.number}. {self.plain_text()[:80]}"

    def get_absolute_url(self):
        return f"{reverse('advocacy:index')}#asks"


class Principle(GuidanceText):
    """One of the two things messaging should always do."""

    SEARCH = Search(13, _("Principles"), ("text",))

    NATURAL_KEY = ("number",)

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self):
        return f"{self.number}. {self.plain_text()[:80]}"

    def get_absolute_url(self):
        return f"{reverse('advocacy:index')}#principles"


class ApproachQuerySet(GuidanceQuerySet):
    def recommended_for(self, society) -> "Approach | None":
        """The approach the guidance recommends for the National Society, going by whether its
        profile says it currently engages with trafficked people; the approach's
        `recommended_for` gives the reason in the guidance's words."""
        return self.filter(
            for_societies_engaging_with_trafficked_people=society.engages_with_trafficked_people()
        ).first()


class Approach(GuidanceText):
    """Approach 1 or 2 to humanitarian diplomacy; `text` is its introduction."""

    SEARCH = Search(11, _("Advocacy approaches"), ("title", "summary", "recommended_for", "text"))

    NATURAL_KEY = ("number",)

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    recommended_for = models.CharField(_("recommended for"), max_length=300)
    for_societies_engaging_with_trafficked_people = models.BooleanField(
        _("for National Societies that engage with trafficked people"), default=False
    )

    objects = models.Manager.from_queryset(ApproachQuerySet)()

    class Meta:
        ordering = ["number"]
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def __str__(self):
        return f"{self.number}: {self.title}"

    def get_absolute_url(self):
        return f"{reverse('advocacy:index')}?approach={self.number}"


class Objective(GuidanceRecord):
    """A numbered objective (1.1 to 2.4) of one approach."""

    SEARCH = Search(10, _("Advocacy objectives"), ("code", "title"))

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    approach = models.ForeignKey(
        Approach, on_delete=models.PROTECT, related_name="objectives", verbose_name=_("approach")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["approach__number", "position"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return f"{reverse('advocacy:index')}?objective={self.code}"


class MessageQuerySet(GuidanceQuerySet):
    def for_library(self):
        return self.select_related("objective__approach")


class Message(GuidanceText):
    """An advocacy message under one objective."""

    SEARCH = Search(9, _("Advocacy messages"), ("code", "text"))

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=12, unique=True)
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="messages", verbose_name=_("objective")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = models.Manager.from_queryset(MessageQuerySet)()

    class Meta:
        ordering = ["objective__approach__number", "objective__position", "position"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.code} {self.plain_text()[:80]}"

    def get_absolute_url(self):
        return reverse("advocacy:message", args=[self.code])
