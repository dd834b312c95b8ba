import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tipguide.core.models import GuidanceText, Search, bold_phrases
from tipguide.organisations.models import NationalSociety


class Section(GuidanceText):
    """A section of the minimum-standards checklist; `text` is its introduction."""

    SEARCH = Search(6, _("Checklist sections"), ("title", "text"))

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

    @property
    def applies_to_all(self) -> bool:
        return self.applies_to == self.AppliesTo.ALL

    def get_absolute_url(self):
        return f"{reverse('standards:index')}#section-{self.number}"


class ChecklistItem(GuidanceText):
    """One thing a National Society should do, as a bullet of the guidance."""

    SEARCH = Search(4, _("Checklist items"), ("code", "lead_in", "text"))

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

    SEARCH = Search(5, _("Training topics"), ("text",), related=("item",))

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


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(national_society__in=NationalSociety.objects.visible_to(user))

    def awaiting_review_by(self, user):
        """Submitted assessments `user` reviews, the longest waiting first."""
        return self.filter(
            status=Assessment.Status.SUBMITTED,
            national_society__in=NationalSociety.objects.reviewable_by(user),
        ).order_by("submitted_at", "pk")

    def open(self):
        return self.filter(status__in=Assessment.OPEN_STATUSES)


class Assessment(models.Model):
    """A National Society's readiness against the minimum standards, at one point in time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned with comments")
        REVIEWED = "reviewed", _("Reviewed")

    OPEN_STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED]
    EDITABLE_STATUSES = [Status.DRAFT, Status.RETURNED]

    national_society = models.ForeignKey(
        NationalSociety,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("National Society"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    includes_specialised_measures = models.BooleanField(
        _("includes the specialised measures (section 3)"),
        default=False,
        help_text=_("Set when the assessment starts, from the National Society's profile."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comments"), blank=True)
    score = models.FloatField(
        _("score when handed in"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set on submission: met 1, partly met ½, not applicable left out."),
    )
    section_scores = models.JSONField(
        _("section scores when handed in"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Set on submission, with the score: each section's, by its number."),
    )

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_society"],
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_assessment_per_society",
                violation_error_message=_("This National Society already has an open assessment."),
            ),
            models.CheckConstraint(
                name="handed_in_assessment_has_its_dates",
                condition=(
                    (
                        ~models.Q(status__in=["submitted", "returned", "reviewed"])
                        | models.Q(submitted_at__isnull=False)
                    )
                    & (
                        ~models.Q(status__in=["returned", "reviewed"])
                        | models.Q(reviewed_at__isnull=False)
                    )
                ),
                violation_error_message=_(
                    "A submitted assessment needs the date it was submitted; a returned or "
                    "reviewed one also the date it was reviewed."
                ),
            ),
        ]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")

    def __str__(self):
        return _("%(society)s, started %(date)s") % {
            "society": self.national_society,
            "date": self.created_at.date() if self.created_at else "",
        }

    def get_absolute_url(self):
        return reverse("standards:assessment_detail", args=[self.pk])

    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def days_waiting(self) -> int:
        """Whole days since the assessment was submitted."""
        return (timezone.localdate() - timezone.localdate(self.submitted_at)).days

    @property
    def is_returned(self) -> bool:
        return self.status == self.Status.RETURNED

    def can_edit(self, user) -> bool:
        return self.is_editable() and self.national_society.can_edit(user)

    def is_reviewer(self, user) -> bool:
        """Whether `user` reviews this National Society's assessments, in any status."""
        return (
            NationalSociety.objects.reviewable_by(user).filter(pk=self.national_society_id).exists()
        )

    def can_review(self, user) -> bool:
        return self.status == self.Status.SUBMITTED and self.is_reviewer(user)

    def progress(self) -> "Progress":
        return Progress.of(self.answers.all())

    def answer_changes(self) -> list[tuple]:
        """Who changed which answer when, newest first: (record, [(field, before, after)])."""
        records = (
            Answer.history.filter(assessment_id=self.pk)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        changes, previous = [], {}
        for record in records:
            before, previous[record.id] = previous.get(record.id), record
            if before is None:
                continue
            delta = record.diff_against(before, included_fields=HISTORY_FIELDS)
            # In the form's order, not the alphabetical order diff_against gives.
            fields = [
                (
                    Answer._meta.get_field(change.field).verbose_name,
                    _displayed(change.field, change.old),
                    _displayed(change.field, change.new),
                )
                for change in sorted(delta.changes, key=lambda c: HISTORY_FIELDS.index(c.field))
            ]
            if fields:
                changes.append((record, fields))
        return sorted(changes, key=lambda change: change[0].history_date, reverse=True)

    def comments_since_submitted(self):
        """The reviewers' comments on its items since it was last submitted."""
        return ItemComment.objects.filter(
            answer__assessment=self, created_at__gte=self.submitted_at or self.created_at
        )

    def previous_reviewed(self) -> "Assessment | None":
        """The National Society's reviewed assessment before this one, to compare with."""
        return (
            Assessment.objects.filter(
                national_society_id=self.national_society_id,
                status=Assessment.Status.REVIEWED,
                created_at__lt=self.created_at,
            )
            .order_by("-created_at", "-pk")
            .first()
        )

    def comparison(self) -> "Comparison | None":
        """This assessment against the previous reviewed one, or None without one."""
        previous = self.previous_reviewed()
        return Comparison.between(previous, self) if previous else None

    def is_latest(self) -> bool:
        """Tell whether this is the National Society's latest assessment, whose action plan is
        the one in use."""
        return not Assessment.objects.filter(
            national_society_id=self.national_society_id, created_at__gt=self.created_at
        ).exists()

    def can_update_actions(self, user) -> bool:
        """Tell whether `user` may update the status, priority and due dates of this plan's
        actions: a focal point of the National Society, whatever the workflow status, as long
        as no later assessment has taken the plan over."""
        return self.national_society.can_edit(user) and self.is_latest()

    def section_scores_now(self) -> dict[str, float | None]:
        """Each section's score, by its number, as `section_scores` keeps them on submission:
        the answers change no more until the assessment is returned, and a returned one is not
        scored until it is handed in again. The dashboard reads them instead of counting every
        answer of every National Society again."""
        return {str(section.number): section.score for section in self.section_progress()}

    def section_progress(self) -> list["SectionProgress"]:
        """Progress per section, from one aggregated query."""
        rows = (
            self.answers.values("section_number")
            .annotate(**Progress.aggregates())
            .order_by("section_number")
        )
        return [
            SectionProgress(number=row["section_number"], **Progress.from_row(row)) for row in rows
        ]


ANSWER_FIELDS = ["result", "reason", "notes", "evidence", "next_step", "owner_role", "due_date"]
# What the action plan's own form changes; the due date is shared with the answer's form.
ACTION_FIELDS = ["action_status", "priority", "due_date"]
# What an action is: when one of these changes, a plan page shown before is out of date.
ACTION_DEFINING_FIELDS = ["result", "next_step", "owner_role", "due_date"]
HISTORY_FIELDS = [*ANSWER_FIELDS, "action_status", "priority", "completed_on"]


class Result(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly", _("Partly met")
    NOT_MET = "not-met", _("Not met")
    NOT_APPLICABLE = "n/a", _("Not applicable")


PERSONAL_DATA_WARNING = _(
    "Describe the organisation's readiness only: do not enter names or any personal data about "
    "survivors, people at risk or anyone else."
)


class ActionStatus(models.TextChoices):
    TO_DO = "to-do", _("To do")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


PAST_DUE_DATE = _("A new due date cannot be in the past: choose today or a later date.")


def due_date_check(due_date, *, stored, today=None) -> None:
    """Refuse a new due date in the past. The date already stored stays valid, so an older
    assessment, or an action carried over from one, can still be saved as it is."""
    if due_date and due_date != stored and due_date < (today or timezone.localdate()):
        raise ValidationError(PAST_DUE_DATE, code="past_due_date")


def _displayed(name: str, value):
    choices = dict(Answer._meta.get_field(name).flatchoices)
    return choices.get(value, value) if choices and value else value


def item_wording(item) -> dict:
    """The snapshot fields that keep an item's lead-in, raw text and sub-list (its topics)."""
    return {
        "item_lead_in": item.lead_in,
        "item_markup": item.text,
        "item_emphasis": bold_phrases(item.emphasis),
        "item_topics": [
            {"text": topic.text, "emphasis": bold_phrases(topic.emphasis)}
            for topic in item.topics.all()
        ],
    }


ACTION_RESULTS = [Result.NOT_MET, Result.PARTLY_MET]


class AnswerQuerySet(models.QuerySet):
    def needing_action(self):
        """The action plan: every item not met or partly met, done or not."""
        return self.filter(result__in=ACTION_RESULTS)

    def open_actions(self):
        return self.needing_action().exclude(action_status=ActionStatus.DONE)

    def overdue(self, today=None):
        return self.open_actions().filter(due_date__lt=today or timezone.localdate())


class Answer(models.Model):
    """Where a National Society stands on one checklist item, in one assessment.

    The item's code and complete wording (lead-in, text, topics) are copied when the assessment
    starts, so later edits to the guidance don't change what was answered.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="answers", verbose_name=_("item")
    )
    section_number = models.PositiveSmallIntegerField(_("section"))
    item_code = models.CharField(_("item code"), max_length=10)
    item_position = models.PositiveSmallIntegerField(_("position"))
    item_key_phrase = models.CharField(_("key phrase"), max_length=300, blank=True)
    item_text = models.TextField(_("item text, as answered"))
    # The complete wording as the public item page shows it: the raw text keeps its footnote
    # markers and bold phrases so the assessment renders it through the same filters.
    item_lead_in = models.CharField(_("lead-in, as answered"), max_length=300, blank=True)
    item_markup = models.TextField(_("item text with footnote markers"), blank=True)
    item_emphasis = models.JSONField(_("item emphasis"), default=list, blank=True)
    item_topics = models.JSONField(
        _("topics, as answered"),
        default=list,
        blank=True,
        help_text=_("The item's sub-list, each topic as {'text': ..., 'emphasis': [...]}."),
    )
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, blank=True)
    reason = models.CharField(
        _("why it does not apply"), max_length=500, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    notes = models.TextField(
        _("notes"), max_length=2000, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    evidence = models.TextField(
        _("evidence"), max_length=2000, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    next_step = models.CharField(
        _("next step"), max_length=500, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    owner_role = models.CharField(
        _("owner (role title)"),
        max_length=120,
        blank=True,
        help_text=_("A role title such as 'PGI focal point', not a person's name."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    action_status = models.CharField(
        _("action status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.TO_DO
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    completed_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("Set when the action is marked done, cleared when it is reopened."),
    )
    # The action's own version, apart from the assessment's: a status change on the plan page
    # must not make a section's form out of date, nor an edit of another item the plan page.
    action_version = models.PositiveIntegerField(_("action version"), default=1)
    changed_in_version = models.PositiveIntegerField(_("changed in version"), default=1)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["section_number", "item_position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                name="not_applicable_needs_a_reason",
                condition=~models.Q(result="n/a") | ~models.Q(reason=""),
            ),
            models.CheckConstraint(
                name="done_action_has_its_completion_date",
                condition=(
                    models.Q(action_status="done", completed_on__isnull=False)
                    | (~models.Q(action_status="done") & models.Q(completed_on__isnull=True))
                ),
                violation_error_message=_(
                    "A done action needs the date it was completed, and only a done one has it."
                ),
            ),
        ]
        indexes = [
            # "Most often not met" counts the results of many assessments by item: from this
            # index alone, without reading the answers' text.
            models.Index(fields=["assessment", "item", "result"], name="answer_results_by_item"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.item_code}: {self.get_result_display() or _('unanswered')}"

    @classmethod
    def for_item(cls, assessment: Assessment, item: ChecklistItem, **fields) -> "Answer":
        """An unsaved answer that keeps the item's complete wording as it is now."""
        return cls(
            assessment=assessment,
            item=item,
            section_number=item.section.number,
            item_code=item.code,
            item_position=item.position,
            item_key_phrase=item.key_phrase[:300],
            item_text=item.plain_text(),
            **item_wording(item),
            **fields,
        )

    @property
    def needs_action(self) -> bool:
        return self.result in ACTION_RESULTS

    @property
    def is_done(self) -> bool:
        return self.action_status == ActionStatus.DONE

    def is_overdue(self, today=None) -> bool:
        """Overdue: an action not done whose due date has passed. Computed, never stored."""
        return self.overdue_action(
            self.result, self.action_status, self.due_date, today or timezone.localdate()
        )

    @staticmethod
    def overdue_action(result: str, action_status: str, due_date, today) -> bool:
        """The same rule, for an answer read as plain values."""
        return bool(
            result in ACTION_RESULTS
            and action_status != ActionStatus.DONE
            and due_date
            and due_date < today
        )

    def set_action_status(self, status: str, today=None) -> None:
        """Change the action's status: marking it done records today as its completion date,
        reopening it clears the date."""
        if status == ActionStatus.DONE and not self.is_done:
            self.completed_on = today or timezone.localdate()
        elif status != ActionStatus.DONE:
            self.completed_on = None
        self.action_status = status


class ItemComment(models.Model):
    """A reviewer's comment on one item of an assessment, shown under the item where the focal
    points answer it."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="comments", verbose_name=_("answer")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=2000, help_text=PERSONAL_DATA_WARNING)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on an item")
        verbose_name_plural = _("comments on items")

    def __str__(self):
        return f"{self.answer.item_code}: {self.text[:40]}"


def as_percent(share: float | None) -> int | None:
    """A share as a whole percentage, halves rounded up (62.5 -> 63), as people expect."""
    return None if share is None else math.floor(100 * share + 0.5)


@dataclass(frozen=True)
class Progress:
    """Answered out of applicable items, and a score: met 1, partly met ½, N/A left out."""

    total: int
    answered: int
    met: int
    partly: int
    not_met: int
    not_applicable: int

    FIGURES = ("total", "answered", "met", "partly", "not_met", "not_applicable")

    @staticmethod
    def aggregates():
        return {
            "total": Count("pk"),
            "answered": Count("pk", filter=~Q(result="")),
            "met": Count("pk", filter=Q(result=Result.MET)),
            "partly": Count("pk", filter=Q(result=Result.PARTLY_MET)),
            "not_met": Count("pk", filter=Q(result=Result.NOT_MET)),
            "not_applicable": Count("pk", filter=Q(result=Result.NOT_APPLICABLE)),
        }

    @classmethod
    def from_row(cls, row) -> dict:
        return {name: row[name] or 0 for name in cls.FIGURES}

    @classmethod
    def of(cls, answers) -> "Progress":
        return cls(**cls.from_row(answers.aggregate(**cls.aggregates())))

    @property
    def percent_answered(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def scored(self) -> int:
        return self.met + self.partly + self.not_met

    @property
    def score(self) -> float | None:
        """The share of answered, applicable items met (partly met counts half), or None."""
        if not self.scored:
            return None
        return (self.met + self.partly / 2) / self.scored

    @property
    def score_percent(self) -> int | None:
        return as_percent(self.score)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.answered == self.total


@dataclass(frozen=True)
class SectionProgress(Progress):
    number: int = 0


class Change(models.TextChoices):
    IMPROVED = "improved", _("improved")
    WORSE = "worse", _("worse")
    SAME = "same", _("same")
    NEW = "new", _("new")
    NOT_COMPARABLE = "not-comparable", _("not comparable")


# How far each result goes towards meeting an item; not applicable and unanswered don't rank.
RESULT_RANK = {Result.NOT_MET: 0, Result.PARTLY_MET: 1, Result.MET: 2}


@dataclass(frozen=True)
class ItemChange:
    code: str
    key_phrase: str
    text: str  # the item's words, which name it where it has no key phrase
    before: str  # the result before, "" if unanswered or not in the previous assessment
    after: str
    in_previous: bool

    @property
    def change(self) -> Change:
        if not self.in_previous:
            return Change.NEW
        if self.before == self.after:
            return Change.SAME
        before, after = RESULT_RANK.get(self.before), RESULT_RANK.get(self.after)
        if before is None or after is None:
            return Change.NOT_COMPARABLE
        return Change.IMPROVED if after > before else Change.WORSE

    @property
    def before_label(self) -> str:
        return Result(self.before).label if self.before else "—"

    @property
    def after_label(self) -> str:
        return Result(self.after).label if self.after else "—"


@dataclass(frozen=True)
class SectionChange:
    number: int
    before: float | None
    after: float | None

    @property
    def before_percent(self) -> int | None:
        return as_percent(self.before)

    @property
    def after_percent(self) -> int | None:
        return as_percent(self.after)

    @property
    def points(self) -> int | None:
        """The change in percentage points, or None where either score is missing."""
        if self.before_percent is None or self.after_percent is None:
            return None
        return self.after_percent - self.before_percent


@dataclass(frozen=True)
class Comparison:
    """Two cycles of one National Society's assessment: section scores and item results."""

    previous: Assessment
    current: Assessment
    sections: list[SectionChange]
    items: list[ItemChange]

    @classmethod
    def between(cls, previous: Assessment, current: Assessment) -> "Comparison":
        before = {s.number: s.score for s in previous.section_progress()}
        after = {s.number: s.score for s in current.section_progress()}
        sections = [
            SectionChange(number, before.get(number), after.get(number))
            for number in sorted(before.keys() | after.keys())
        ]
        earlier = dict(previous.answers.values_list("item_code", "result"))
        items = [
            ItemChange(
                code=code,
                key_phrase=key_phrase,
                text=text,
                before=earlier.get(code, ""),
                after=result,
                in_previous=code in earlier,
            )
            for code, key_phrase, text, result in current.answers.values_list(
                "item_code", "item_key_phrase", "item_text", "result"
            )
        ]
        return cls(previous, current, sections, items)

    def count(self, change: str) -> int:
        return sum(1 for item in self.items if item.change == change)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """How many items changed each way, leaving out the ways none did."""
        return [
            (Change(kind).label, count) for kind in Change.values if (count := self.count(kind))
        ]
