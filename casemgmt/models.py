from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tipguide.models import GuidanceText


class Strategy(GuidanceText):
    """A government Covid-19 strategy and the case-management protocol the guidance gives for it.

    `text` holds the guidance's condition and lead-in for the strategy's steps.
    """

    NATURAL_KEY = ("code",)

    class Code(models.TextChoices):
        CONTAINMENT = "containment", _("Containment")
        DELAY_MITIGATION = "delay-mitigation", _("Delay and mitigation/suppression")

    class Modality(models.TextChoices):
        FACE_TO_FACE = "face-to-face", _("Face-to-face case management")
        REMOTE = "remote", _("Remote (phone or online) case management")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    modality = models.CharField(
        _("case-management modality"), max_length=20, choices=Modality.choices
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('casemgmt:index')}#strategy-{self.code}"


class ProtocolStep(GuidanceText):
    """A step the guidance asks National Societies to ensure under one strategy."""

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="steps", verbose_name=_("strategy")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_prerequisite = models.BooleanField(
        _("prerequisite"),
        default=False,
        help_text=_("Services shut down temporarily, with referral, when this cannot be upheld."),
    )

    class Meta:
        ordering = ["strategy__position", "position"]
        verbose_name = _("protocol step")
        verbose_name_plural = _("protocol steps")

    def __str__(self):
        return f"{self.code} {self.plain_text()[:80]}"

    def get_absolute_url(self):
        return f"{reverse('casemgmt:index')}#step-{self.code}"
