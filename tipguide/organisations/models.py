from babel import Locale
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tipguide.core.languages import reader_language
from tipguide.core.models import GuidanceQuerySet, GuidanceRecord
from tipguide.core.personal_data import described, personal_data_kinds

CONTENT_EDITORS = "Content editors"


class UserQuerySet(models.QuerySet):
    def to_notify(self):
        """The active users who take notices by e-mail and have an address to take them at."""
        return self.filter(is_active=True, receives_notices=True).exclude(email="")

    def managers_of(self, society):
        """The managers who oversee `society`: of its region, or of every region."""
        return self.filter(
            Q(memberships__region=society.region_id) | Q(memberships__region__isnull=True),
            memberships__role=Membership.Role.MANAGER,
        ).distinct()

    def focal_points_of(self, society):
        return self.filter(
            memberships__national_society=society, memberships__role=Membership.Role.FOCAL_POINT
        ).distinct()


class TipguideUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """Someone who signs in: what they may do follows from their memberships, and for content
    editors from the Content editors group."""

    receives_notices = models.BooleanField(
        _("send me notices by e-mail"),
        default=True,
        help_text=_(
            "Assessments waiting for your review, assessments returned or reviewed, and "
            "reminders of actions falling due."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The portal's language for you, and for the notices it sends you."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = TipguideUserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class Region(GuidanceRecord):
    """One of the five IFRC regions."""

    NATURAL_KEY = ("code",)

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class NationalSocietyQuerySet(GuidanceQuerySet):
    def visible_to(self, user):
        """The National Societies whose records `user` may read: deny by default."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user)
        if memberships.filter(role=Membership.Role.MANAGER, region__isnull=True).exists():
            return self
        return self.filter(
            models.Q(
                memberships__user=user,
                memberships__role=Membership.Role.FOCAL_POINT,
            )
            | models.Q(
                region__memberships__user=user,
                region__memberships__role=Membership.Role.MANAGER,
            )
        ).distinct()

    def editable_by(self, user):
        """The National Societies whose records `user` keeps as a focal point."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.FOCAL_POINT)

    def reviewable_by(self, user):
        """The National Societies whose assessments `user` reviews as a manager."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user, role=Membership.Role.MANAGER)
        if memberships.filter(region__isnull=True).exists():
            return self
        return self.filter(region__in=memberships.values("region"))


class NationalSociety(GuidanceRecord):
    """A Red Cross or Red Crescent National Society, as IFRC GO lists it."""

    NATURAL_KEY = ("iso2",)

    iso2 = models.CharField(_("ISO code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    country = models.CharField(_("country"), max_length=100)
    # With a column per language, name_en to name_ar: see translation.py.
    name = models.CharField(_("name"), max_length=150)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="societies", verbose_name=_("region")
    )
    fdrs = models.CharField(_("FDRS code"), max_length=10, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = models.Manager.from_queryset(NationalSocietyQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = _("National Society")
        verbose_name_plural = _("National Societies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("society_detail", args=[self.iso2])

    def country_name(self) -> str:
        """The country's name in the reader's language, as the Unicode CLDR gives it."""
        names = Locale.parse(translation.to_locale(reader_language())).territories
        return names.get(self.iso2, self.country)

    def can_edit(self, user) -> bool:
        return NationalSociety.objects.editable_by(user).filter(pk=self.pk).exists()

    def specialised_measures_apply(self) -> bool:
        profile = getattr(self, "profile", None)
        return bool(profile and profile.specialised_measures_apply())

    def engages_with_trafficked_people(self) -> bool:
        profile = getattr(self, "profile", None)
        return bool(profile and profile.engages_with_trafficked_people)


class SocietyProfile(models.Model):
    """What a National Society's focal points keep current about it."""

    national_society = models.OneToOneField(
        NationalSociety,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("National Society"),
    )
    # The three facts are asked in the guidance's words: the first two decide whether the
    # specialised measures (section 3) apply, the third which advocacy approach is recommended.
    has_tip_skills_and_experience = models.BooleanField(
        _(
            "has skills and experience in responding to child protection, sexual and "
            "gender-based violence and TiP"
        ),
        default=False,
    )
    has_tip_programmes_or_services = models.BooleanField(
        _("has existing TiP programs and services"), default=False
    )
    engages_with_trafficked_people = models.BooleanField(
        _("currently engages with trafficked people"), default=False
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("National Society profile")
        verbose_name_plural = _("National Society profiles")

    def __str__(self):
        return str(self.national_society)

    FACTS = (
        "has_tip_skills_and_experience",
        "has_tip_programmes_or_services",
        "engages_with_trafficked_people",
    )

    def facts(self) -> list[tuple[str, bool]]:
        """Each fact the profile asks, in the guidance's words, with its answer."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.FACTS
        ]

    def specialised_measures_apply(self) -> bool:
        """Section 3 applies "where a National Society has skills and experience in responding to
        child protection, sexual and gender-based violence and TiP and/or has existing TiP
        programs and services"."""
        return self.has_tip_skills_and_experience or self.has_tip_programmes_or_services


class ContactRole(models.Model):
    """A role to contact at a National Society, by title: no names or personal details."""

    profile = models.ForeignKey(
        SocietyProfile, on_delete=models.CASCADE, related_name="contact_roles"
    )
    title = models.CharField(
        _("role title"),
        max_length=120,
        help_text=_("A title such as 'PGI focal point' or 'Head of Health'. No names."),
    )
    responsibility = models.CharField(
        _("responsible for"),
        max_length=250,
        blank=True,
        help_text=_("What to contact this role about. No personal data about anyone."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")

    def __str__(self):
        return self.title

    def clean(self):
        """Refuse what would reach a person rather than a role: a phone number or an e-mail
        address."""
        errors = {}
        for name in ("title", "responsibility"):
            kinds = [k for k in personal_data_kinds(getattr(self, name)) if k != "id"]
            if kinds:
                errors[name] = _(
                    "Record roles by their title only: this holds %(kinds)s, which reaches a "
                    "person, not a role. Remove it."
                ) % {"kinds": described(kinds)}
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """What a user may do with National Societies' records: keep one's as a focal point, or
    oversee a region's (or all) as a manager. Content editors are staff in the "Content editors"
    group instead: what they may change is the group's model permissions."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal-point", _("Focal point")
        MANAGER = "manager", _("Manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    national_society = models.ForeignKey(
        NationalSociety,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("National Society"),
        help_text=_("For a focal point: the National Society whose records they keep."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
        help_text=_("For a manager: the region they oversee; leave empty for every region."),
    )

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=(
                    models.Q(
                        role="focal-point", national_society__isnull=False, region__isnull=True
                    )
                    | models.Q(role="manager", national_society__isnull=True)
                ),
                violation_error_message=_(
                    "A focal point needs a National Society and no region; a manager may have a "
                    "region and no National Society."
                ),
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        scope = self.national_society or self.region or _("all National Societies")
        return f"{self.user} · {self.get_role_display()} · {scope}"


def is_manager(user) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Membership.Role.MANAGER).exists()
    )


def works_with_societies(user) -> bool:
    """Whether `user` has a focal-point or manager role: deny everything else by default."""
    return user.is_authenticated and (
        user.is_superuser
        or Membership.objects.filter(
            user=user, role__in=[Membership.Role.FOCAL_POINT, Membership.Role.MANAGER]
        ).exists()
    )
