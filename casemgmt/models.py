from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tipguide.core.models import GuidanceText, Search
from tipguide.organisations.models import NationalSociety


class Strategy(GuidanceText):
    """A government Covid-19 strategy and the case-management protocol the guidance gives for it.

    `text` holds the guidance's condition and lead-in for the strategy's steps.
    """

    SEARCH = Search(7, _("Case-management strategies"), ("name", "text"))

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

    @property
    def face_to_face_by_default(self) -> bool:
        """Whether static face-to-face case management can continue unless the focal point says
        otherwise: yes under containment, no under delay and mitigation/suppression."""
        return self.modality == self.Modality.FACE_TO_FACE


class ProtocolStep(GuidanceText):
    """A step the guidance asks National Societies to ensure under one strategy."""

    SEARCH = Search(8, _("Case-management steps"), ("text",), related=("strategy",))

    NATURAL_KEY = ("code",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="steps", verbose_name=_("strategy")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_prerequisite = models.BooleanField(
        _("prerequisite"),
        default=False,
        help_text=_(
            "A temporary shutdown of services, with referral, is recommended when this cannot "
            "be upheld."
        ),
    )

    class Meta:
        ordering = ["strategy__position", "position"]
        verbose_name = _("protocol step")
        verbose_name_plural = _("protocol steps")

    def __str__(self):
        return f"{self.code} {self.plain_text()[:80]}"

    def get_absolute_url(self):
        return f"{reverse('casemgmt:index')}#step-{self.code}"


class State(models.TextChoices):
    IN_PLACE = "in-place", _("In place")
    IN_PROGRESS = "in-progress", _("In progress")
    NOT_IN_PLACE = "not-in-place", _("Not in place")
    CANNOT_BE_UPHELD = "cannot-be-upheld", _("Cannot be upheld")


PERSONAL_DATA_WARNING = _(
    "Describe the National Society's arrangements only: no names or personal data about "
    "survivors, caseworkers or anyone else."
)


# The strategy in force is the one in force from the latest date; of two records from the same
# date, the one recorded last corrects the other.
LATEST_FIRST = ["-since", "-recorded_at"]


class StrategyRecordQuerySet(models.QuerySet):
    def in_force(self):
        """Each National Society's record of the strategy in force: one per National Society."""
        latest = StrategyRecord.objects.filter(national_society=OuterRef("national_society"))
        return self.filter(pk=Subquery(latest.order_by(*LATEST_FIRST).values("pk")[:1]))


class StrategyRecord(models.Model):
    """The government strategy in force for a National Society from a date: dated history."""

    national_society = models.ForeignKey(
        NationalSociety,
        on_delete=models.CASCADE,
        related_name="strategy_records",
        verbose_name=_("National Society"),
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="+", verbose_name=_("strategy")
    )
    since = models.DateField(_("in force since"))
    # The guidance's condition for each modality: "If static face to-face case management can
    # continue" (containment), "If static face-to-face case management cannot continue" (delay and
    # mitigation/suppression). The strategy suggests the answer; the focal point records it.
    face_to_face_can_continue = models.BooleanField(
        _("static face-to-face case management can continue"), default=False
    )
    note = models.CharField(_("note"), max_length=500, blank=True, help_text=PERSONAL_DATA_WARNING)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = StrategyRecordQuerySet.as_manager()

    class Meta:
        ordering = LATEST_FIRST
        verbose_name = _("strategy in force")
        verbose_name_plural = _("strategies in force")

    def __str__(self):
        return f"{self.national_society}: {self.strategy} ({self.since})"

    def get_absolute_url(self):
        return reverse("casemgmt:continuity", args=[self.national_society.iso2])


class ContinuityPlan(models.Model):
    """How a National Society keeps case management going under each strategy."""

    national_society = models.OneToOneField(
        NationalSociety,
        on_delete=models.CASCADE,
        related_name="continuity_plan",
        verbose_name=_("National Society"),
    )
    referral_pathways_reviewed_on = models.DateField(
        _("referral pathways last reviewed on"), null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("continuity plan")
        verbose_name_plural = _("continuity plans")

    def __str__(self):
        return str(self.national_society)

    def get_absolute_url(self):
        return reverse("casemgmt:continuity", args=[self.national_society.iso2])


class StepStatus(models.Model):
    """Where one protocol step stands in a National Society's continuity plan."""

    plan = models.ForeignKey(
        ContinuityPlan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("plan")
    )
    step = models.ForeignKey(
        ProtocolStep, on_delete=models.PROTECT, related_name="+", verbose_name=_("step")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, blank=True)
    notes = models.CharField(
        _("notes"), max_length=1000, blank=True, help_text=PERSONAL_DATA_WARNING
    )
    changed_in_version = models.PositiveIntegerField(_("changed in version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["step__strategy__position", "step__position"]
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="one_status_per_step")]
        verbose_name = _("step status")
        verbose_name_plural = _("step statuses")

    def __str__(self):
        return f"{self.step.code}: {self.get_state_display() or _('not recorded')}"


class Decision(models.TextChoices):
    NO_STRATEGY = "no-strategy", _("Strategy not recorded")
    FACE_TO_FACE = "face-to-face", _("Face-to-face case management continues")
    REMOTE = "remote", _("Remote case management")
    REMOTE_NOT_YET_SAFE = "remote-not-yet-safe", _("Remote case management not yet safe")
    SHUTDOWN = "shutdown", _("Temporary shutdown recommended, with referral")


@dataclass(frozen=True)
class ContinuityDecision:
    """What case management does now, derived from the strategy in force and the step states."""

    kind: Decision
    strategy: Strategy | None
    missing: tuple[tuple[ProtocolStep, str], ...] = ()  # each prerequisite and its state's label

    @property
    def label(self):
        return Decision(self.kind).label

    @property
    def has_strategy(self) -> bool:
        return self.kind != Decision.NO_STRATEGY

    @property
    def is_face_to_face(self) -> bool:
        return self.kind == Decision.FACE_TO_FACE

    @property
    def is_remote(self) -> bool:
        return self.kind == Decision.REMOTE

    @property
    def is_remote_not_yet_safe(self) -> bool:
        return self.kind == Decision.REMOTE_NOT_YET_SAFE

    @property
    def is_shutdown_recommended(self) -> bool:
        return self.kind == Decision.SHUTDOWN

    @classmethod
    def derive(
        cls,
        strategy: Strategy | None,
        states: dict[int, str],
        steps,
        *,
        face_to_face_can_continue: bool | None = None,
    ) -> "ContinuityDecision":
        """Apply the guidance's rule ("Case-management considerations").

        Without a strategy in force there is no decision. "If static face to-face case management
        can continue", it does, with distancing and infection prevention and control. "If static
        face-to-face case management cannot continue then its recommended to operate remotely",
        once every prerequisite is in place. "If the prerequisites mentioned above cannot be
        upheld to ensure the safety of the survivors, it is recommended to shutdown services
        temporarily." A prerequisite in any other state, or not recorded, leaves remote case
        management not yet safe: the prerequisites still have to be put in place.
        """
        missing = tuple(
            (step, State(states[step.pk]).label if states.get(step.pk) else _("not recorded"))
            for step in steps
            if step.is_prerequisite and states.get(step.pk) != State.IN_PLACE
        )
        kind = cls.kind_of(
            strategy,
            face_to_face_can_continue,
            missing=len(missing),
            cannot_be_upheld=any(
                states.get(step.pk) == State.CANNOT_BE_UPHELD for step, _state in missing
            ),
        )
        if kind == Decision.NO_STRATEGY:
            return cls(kind, None)
        if kind in (Decision.FACE_TO_FACE, Decision.REMOTE):
            return cls(kind, strategy)
        return cls(kind, strategy, missing)

    @staticmethod
    def kind_of(
        strategy: Strategy | None,
        face_to_face_can_continue: bool | None,
        *,
        missing: int,
        cannot_be_upheld: bool,
    ) -> Decision:
        """The rule itself, from how many prerequisites are not in place and whether any of
        them cannot be upheld."""
        if strategy is None:
            return Decision.NO_STRATEGY
        if face_to_face_can_continue is None:
            face_to_face_can_continue = strategy.face_to_face_by_default
        if face_to_face_can_continue:
            return Decision.FACE_TO_FACE
        if not missing:
            return Decision.REMOTE
        if cannot_be_upheld:
            return Decision.SHUTDOWN
        return Decision.REMOTE_NOT_YET_SAFE


@dataclass
class Continuity:
    """A National Society's strategy in force, continuity plan and the decision they lead to."""

    record: StrategyRecord | None
    plan: ContinuityPlan | None
    statuses: list[StepStatus]
    decision: ContinuityDecision

    @classmethod
    def for_societies(cls, societies) -> dict[int, "Continuity"]:
        """The continuity of each of `societies`, by id, in four queries whatever their number."""
        societies = list(societies)
        records = {
            record.national_society_id: record
            for record in StrategyRecord.objects.filter(national_society__in=societies)
            .in_force()
            .select_related("strategy")
        }
        plans = {
            plan.national_society_id: plan
            for plan in ContinuityPlan.objects.filter(
                national_society__in=societies
            ).prefetch_related(Prefetch("steps", queryset=StepStatus.objects.order_by()))
        }
        steps = list(ProtocolStep.objects.select_related("strategy"))
        by_id = {step.pk: step for step in steps}
        continuities = {}
        for society in societies:
            record, plan = records.get(society.pk), plans.get(society.pk)
            # Each step is fetched once, not once a plan; statuses in the steps' order.
            statuses = list(plan.steps.all()) if plan else []
            for status in statuses:
                status.step = by_id[status.step_id]
            statuses.sort(key=lambda status: (status.step.strategy.position, status.step.position))
            decision = ContinuityDecision.derive(
                record.strategy if record else None,
                {status.step_id: status.state for status in statuses},
                steps,
                face_to_face_can_continue=record.face_to_face_can_continue if record else None,
            )
            continuities[society.pk] = cls(record, plan, statuses, decision)
        return continuities

    @staticmethod
    def decisions_for(societies) -> dict[int, ContinuityDecision]:
        """The decision of each of `societies` (a queryset), by id, in four queries whatever
        their number, for the dashboard: the strategy in force, and how many prerequisites
        each plan has in place or cannot uphold, counted in SQL. Which prerequisites are
        missing is left out (`missing` is empty): `for_societies` tells. A National Society
        with no strategy recorded has no decision, whatever its plan says."""
        strategies = Strategy.objects.in_bulk()
        prerequisites = ProtocolStep.objects.filter(is_prerequisite=True).count()
        records = {}
        # A few records a National Society: reading them all, latest first, costs less than
        # finding each one's latest in SQL.
        for society_id, strategy_id, face_to_face in (
            StrategyRecord.objects.filter(national_society__in=societies)
            .order_by("national_society_id", *LATEST_FIRST)
            .values_list("national_society_id", "strategy_id", "face_to_face_can_continue")
        ):
            records.setdefault(society_id, (strategy_id, face_to_face))
        counts = {
            society_id: (in_place, cannot_be_upheld)
            for society_id, in_place, cannot_be_upheld in StepStatus.objects.filter(
                plan__national_society__in=societies, step__is_prerequisite=True
            )
            .values("plan__national_society_id")
            .annotate(
                in_place=Count("pk", filter=Q(state=State.IN_PLACE)),
                cannot_be_upheld=Count("pk", filter=Q(state=State.CANNOT_BE_UPHELD)),
            )
            .values_list("plan__national_society_id", "in_place", "cannot_be_upheld")
            .order_by()
        }
        no_strategy = ContinuityDecision(Decision.NO_STRATEGY, None)
        decisions = defaultdict(lambda: no_strategy)
        for society_id, (strategy_id, face_to_face) in records.items():
            strategy = strategies[strategy_id]
            in_place, cannot_be_upheld = counts.get(society_id, (0, 0))
            kind = ContinuityDecision.kind_of(
                strategy,
                face_to_face,
                missing=prerequisites - in_place,
                cannot_be_upheld=cannot_be_upheld > 0,
            )
            decisions[society_id] = ContinuityDecision(kind, strategy)
        return decisions

    @classmethod
    def of(cls, society: NationalSociety) -> "Continuity":
        return cls.for_societies([society])[society.pk]

    def containment_gaps(self) -> list[StepStatus]:
        """Containment steps not in place: the preparation for going remote if restrictions
        tighten."""
        return [
            status
            for status in self.statuses
            if status.step.strategy.code == Strategy.Code.CONTAINMENT
            and status.state != State.IN_PLACE
        ]
