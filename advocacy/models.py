from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tipguide.core.models import (
    FOOTNOTE_MARKER,
    LARGEST_SOURCE_NUMBER,
    GuidanceQuerySet,
    GuidanceRecord,
    GuidanceText,
    Search,
    bold_phrases,
)
from tipguide.organisations.models import NationalSociety


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


PERSONAL_DATA_WARNING = _(
    "In the briefing's own words, about the situation in general: no names or personal data "
    "about survivors, people at risk or anyone else."
)


class Audience(models.TextChoices):
    """Whom a briefing is for, as the guidance names them: National Societies "can play a key
    role in influencing the policy and practice of local and national government authorities,
    donors and the wider humanitarian and development community"."""

    AUTHORITIES = "authorities", _("Local and national government authorities")
    DONORS = "donors", _("Donors")
    HUMANITARIAN_COMMUNITY = (
        "humanitarian-community",
        _("The wider humanitarian and development community"),
    )


class BriefingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The briefings of the National Societies whose records `user` may read."""
        return self.filter(national_society__in=NationalSociety.objects.visible_to(user))


class Briefing(models.Model):
    """A National Society's briefing for one meeting: guidance messages quoted as they were when
    added, framed by the core asks and principles, with the local context in its own words."""

    national_society = models.ForeignKey(
        NationalSociety,
        on_delete=models.CASCADE,
        related_name="briefings",
        verbose_name=_("National Society"),
    )
    title = models.CharField(
        _("title"),
        max_length=150,
        help_text=_("What the meeting is, such as 'Ministry of Labour, protection working group'."),
    )
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    approach = models.ForeignKey(
        Approach, on_delete=models.PROTECT, related_name="+", verbose_name=_("approach")
    )
    situation = models.TextField(
        _("the situation"), max_length=1200, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    figures = models.TextField(
        _("figures"),
        max_length=800,
        blank=True,
        help_text=_("A few figures that show the need. No figures about identifiable people."),
    )
    figures_source = models.CharField(
        _("source of the figures"),
        max_length=300,
        blank=True,
        help_text=_("Where the figures come from: a report, a survey, a date."),
    )
    request = models.TextField(
        _("our request to this audience"),
        max_length=800,
        blank=True,
        help_text=_("What you ask this audience to do, in a sentence or two."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = BriefingQuerySet.as_manager()

    CONTEXT_FIELDS = ("situation", "figures", "figures_source", "request")
    # Every field a focal point writes, in the form's order: the history lists changes so.
    EDITED_FIELDS = ("title", "audience", "approach", *CONTEXT_FIELDS)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advocacy:briefing_detail", args=[self.pk])

    def can_edit(self, user) -> bool:
        return self.national_society.can_edit(user)

    def has_context(self) -> bool:
        return any(getattr(self, name) for name in self.CONTEXT_FIELDS)

    def changes(self) -> list[tuple]:
        """Who changed what when, newest first: (record, what, [(field, before, after)])."""
        records = Briefing.history.filter(id=self.pk).select_related("history_user")
        quoted = BriefingMessage.history.filter(briefing_id=self.pk).select_related("history_user")
        approaches = Approach.objects.in_bulk()
        changes, previous = [], None
        for record in records.order_by("history_date", "history_id"):
            if previous is None:
                changes.append((record, _("Started the briefing"), []))
            else:
                delta = record.diff_against(previous, included_fields=list(self.EDITED_FIELDS))
                fields = [
                    (
                        Briefing._meta.get_field(change.field).verbose_name,
                        _displayed(change.field, change.old, approaches),
                        _displayed(change.field, change.new, approaches),
                    )
                    for change in sorted(
                        delta.changes, key=lambda c: self.EDITED_FIELDS.index(c.field)
                    )
                ]
                if fields:
                    changes.append((record, _("Changed the briefing"), fields))
            previous = record
        what = {
            "+": _("Added message %(code)s"),
            "~": _("Moved message %(code)s"),
            "-": _("Removed message %(code)s"),
        }
        quoted_words = {}
        for record in quoted.order_by("history_date", "history_id"):
            words, quoted_words[record.id] = quoted_words.get(record.id), record.text
            if record.history_type == "~" and words != record.text:
                label = _("Quoted the guidance's current words of message %(code)s")
                changes.append((record, label % {"code": record.code}, []))
            else:
                changes.append((record, what[record.history_type] % {"code": record.code}, []))
        return sorted(changes, key=lambda change: change[0].history_date, reverse=True)


def _displayed(name, value, approaches):
    """A stored value as the history shows it: a choice by its label, an approach by its
    number and title."""
    if name == "audience":
        return Audience(value).label if value in Audience.values else value
    if name == "approach":
        return approaches.get(value, value)
    return value


class BriefingMessage(models.Model):
    """A guidance message in a briefing, quoted as the guidance said it when it was added: the
    text with its footnote markers, and its bold phrases."""

    briefing = models.ForeignKey(
        Briefing,
        on_delete=models.CASCADE,
        related_name="quoted_messages",
        verbose_name=_("briefing"),
    )
    # Kept when an editor deletes the message from the guidance: the quote stands.
    message = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("message"),
    )
    code = models.CharField(_("code"), max_length=12)
    objective_code = models.CharField(_("objective"), max_length=10)
    objective_title = models.CharField(_("objective's title"), max_length=300)
    text = models.TextField(_("text"))
    emphasis = models.JSONField(_("emphasis"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "code"], name="a_message_once_per_briefing")
        ]
        verbose_name = _("quoted message")
        verbose_name_plural = _("quoted messages")

    def __str__(self):
        return self.code

    @classmethod
    def quoting(cls, message: Message, **fields) -> "BriefingMessage":
        """Quote `message` as the guidance says it now."""
        return cls(
            message=message,
            code=message.code,
            objective_code=message.objective.code,
            objective_title=message.objective.title,
            text=message.text,
            emphasis=list(message.emphasis or []),
            **fields,
        )

    def requote(self) -> None:
        """Quote the guidance's words for the message as they are now."""
        self.text = self.message.text
        self.emphasis = list(self.message.emphasis or [])
        self.objective_code = self.message.objective.code
        self.objective_title = self.message.objective.title

    def plain_text(self) -> str:
        return FOOTNOTE_MARKER.sub("", self.text)

    def cited_source_numbers(self) -> list[int]:
        numbers = {int(n) for n in FOOTNOTE_MARKER.findall(self.text)}
        return sorted(n for n in numbers if n <= LARGEST_SOURCE_NUMBER)

    def guidance_changed(self) -> bool:
        """Whether the guidance's words for this message are no longer those quoted: edited, or
        deleted. Needs `message` loaded with the quote to stay one query."""
        if self.message is None:
            return True
        return self.message.text != self.text or bold_phrases(
            self.message.emphasis
        ) != bold_phrases(self.emphasis)
