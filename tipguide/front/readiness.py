"""Readiness across National Societies, computed with a fixed number of aggregated queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from statistics import mean

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncQuarter
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casemgmt.models import Continuity, ContinuityDecision
from standards.models import Answer, Assessment, ChecklistItem, Progress, Result
from tipguide.organisations.models import NationalSociety

NO_ASSESSMENT = "none"
SECTIONS = (1, 2, 3)


# Only complete assessments are scored: a draft or a returned one is still being answered.
SCORED_STATUSES = (Assessment.Status.REVIEWED, Assessment.Status.SUBMITTED)


@dataclass
class SocietyRow:
    """One National Society: its headline assessment, the latest reviewed one (or, without
    one, its latest), with any newer cycle in progress beside it; its strategy and decision."""

    society: NationalSociety
    assessment: Assessment | None
    decision: ContinuityDecision
    in_progress: Assessment | None = None

    # The table, the charts, the filters and the sort each read these: computed once a row.
    @cached_property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NO_ASSESSMENT

    @cached_property
    def is_scored(self) -> bool:
        return self.assessment is not None and self.assessment.status in SCORED_STATUSES

    @cached_property
    def score(self) -> float | None:
        """The score kept when the assessment was handed in; a draft or a returned one has
        none."""
        return self.assessment.score if self.is_scored else None

    def section_score(self, number: int) -> float | None:
        return self.assessment.section_scores.get(str(number)) if self.is_scored else None

    @cached_property
    def section_scores(self) -> list[float | None]:
        return [self.section_score(number) for number in SECTIONS]

    # get_status_display hashes every choice on each call: a hundred calls a page add up.
    @property
    def status_label(self) -> str:
        return Assessment.Status(self.assessment.status).label

    @property
    def in_progress_label(self) -> str:
        return Assessment.Status(self.in_progress.status).label

    @property
    def updated_at(self):
        return self.assessment.updated_at if self.assessment else None


@dataclass
class Summary:
    """Headline figures over some rows, computed once each."""

    label: str
    rows: list[SocietyRow] = field(default_factory=list)

    @cached_property
    def _counts(self) -> Counter:
        return Counter(row.status for row in self.rows)

    def count(self, status: str) -> int:
        return self._counts[status]

    @property
    def reviewed(self) -> int:
        return self.count(Assessment.Status.REVIEWED)

    @property
    def submitted(self) -> int:
        return self.count(Assessment.Status.SUBMITTED)

    @property
    def returned(self) -> int:
        return self.count(Assessment.Status.RETURNED)

    @property
    def draft(self) -> int:
        return self.count(Assessment.Status.DRAFT)

    @property
    def none(self) -> int:
        return self.count(NO_ASSESSMENT)

    @cached_property
    def average_score(self) -> float | None:
        scores = [row.score for row in self.rows if row.score is not None]
        return mean(scores) if scores else None

    @cached_property
    def in_shutdown(self) -> int:
        return sum(1 for row in self.rows if row.decision.is_shutdown_recommended)


# What the dashboard and its exports read of each society and assessment: no more.
SOCIETY_FIELDS = ["name", "iso2", "region__code", "region__name"]
ASSESSMENT_FIELDS = ["national_society_id", "status", "updated_at", "score", "section_scores"]


def society_rows(societies) -> list[SocietyRow]:
    """A row per National Society of `societies` (a queryset), by name, in six queries.

    The scores are those kept when each assessment was handed in: no answer is counted here.
    """
    cycles = Assessment.objects.filter(national_society=OuterRef("pk")).order_by("-created_at")
    reviewed = cycles.filter(status=Assessment.Status.REVIEWED)
    in_scope = (
        societies.select_related("region")
        .only(*SOCIETY_FIELDS)
        .annotate(
            latest_id=Subquery(cycles.values("pk")[:1]),
            reviewed_id=Subquery(reviewed.values("pk")[:1]),
        )
        .order_by("name")
    )
    decisions = Continuity.decisions_for(societies)
    societies = list(in_scope)
    # The ids the societies' query just found: asking for them again by subquery made SQLite
    # run each society's two subqueries a second time, which took longer than the list.
    ids = {pk for society in societies for pk in (society.latest_id, society.reviewed_id) if pk}
    assessments = Assessment.objects.only(*ASSESSMENT_FIELDS).filter(pk__in=ids).order_by()
    assessments = {assessment.pk: assessment for assessment in assessments}
    rows = []
    for society in societies:
        headline = society.reviewed_id or society.latest_id
        newer = society.latest_id if society.latest_id != headline else None
        rows.append(
            SocietyRow(
                society=society,
                assessment=assessments.get(headline),
                decision=decisions[society.pk],
                in_progress=assessments.get(newer),
            )
        )
    return rows


def by_region(rows: list[SocietyRow]) -> list[Summary]:
    regions = defaultdict(list)
    for row in rows:
        regions[row.society.region.name].append(row)
    return [Summary(name, regions[name]) for name in sorted(regions)]


def most_often_unmet(rows: list[SocietyRow], limit: int = 10) -> list[dict]:
    """Checklist items by the share of National Societies not meeting them, highest first.

    Only scored assessments count (drafts never), not applicable left out, and only items that
    at least `DASHBOARD_MIN_ANSWERING` National Societies answered: a share of two is no ranking.
    """
    assessment_ids = [row.assessment.pk for row in rows if row.is_scored]
    ranked = (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .exclude(result__in=["", Result.NOT_APPLICABLE])
        .values("item_id")
        .annotate(
            answered=Count("pk"),
            not_met=Count("pk", filter=Q(result=Result.NOT_MET)),
            partly=Count("pk", filter=Q(result=Result.PARTLY_MET)),
        )
        .annotate(share=Cast(F("not_met"), FloatField()) / Cast(F("answered"), FloatField()))
        .filter(not_met__gt=0, answered__gte=settings.DASHBOARD_MIN_ANSWERING)
        .order_by("-share", "-not_met", "item_id")[:limit]
    )
    ranked = list(ranked)
    items = ChecklistItem.objects.in_bulk([entry["item_id"] for entry in ranked])
    return [{**entry, "item": items[entry["item_id"]]} for entry in ranked]


def trend(societies) -> list[dict]:
    """The average score of the assessments handed in (submitted or reviewed), by quarter."""
    quarters = (
        Assessment.objects.filter(
            national_society__in=societies,
            status__in=[Assessment.Status.SUBMITTED, Assessment.Status.REVIEWED],
            score__isnull=False,
        )
        .annotate(quarter=TruncQuarter("submitted_at"))
        .values("quarter")
        .annotate(average=Avg("score"), assessments=Count("pk"))
        .order_by("quarter")
    )
    return [
        {
            **row,
            "label": f"{row['quarter'].year} Q{(row['quarter'].month - 1) // 3 + 1}",
        }
        for row in quarters
        if row["quarter"] is not None  # the database refuses one handed in without a date
    ]


def region_choices(rows: list[SocietyRow]) -> list[tuple[str, str]]:
    """The regions of the rows, as (code, name) by name."""
    regions = {(row.society.region.code, row.society.region.name) for row in rows}
    return sorted(regions, key=lambda choice: choice[1])


@dataclass(frozen=True)
class Figures:
    """What the dashboard shows, all computed before the page renders."""

    overall: Summary
    regions: list[Summary]
    unmet: list[dict]
    trend: list[dict]
    rows: list[SocietyRow]  # the table, filtered and sorted
    filters: dict[str, str]  # the table's filters, to keep when sorting
    sort: str


@dataclass
class SocietyStanding:
    """Where one National Society stands: its latest assessment and its continuity."""

    latest: Assessment | None
    progress: Progress | None
    overdue: int  # actions of the latest assessment's action plan past their due date
    continuity: Continuity

    def needs_attention(self) -> list[str]:
        """What the National Society's focal points and managers should look at first."""
        items = []
        decision, plan = self.continuity.decision, self.continuity.plan
        if decision.is_shutdown_recommended:
            items.append(
                _(
                    "A prerequisite for remote case management cannot be upheld: the guidance "
                    "recommends shutting down services temporarily and referring survivors, upon "
                    "their informed consent, to services that are still operational."
                )
            )
        elif decision.is_remote_not_yet_safe:
            missing = len(decision.missing)
            items.append(
                ngettext(
                    "Remote case management is not yet safe: %(count)d prerequisite is not in "
                    "place.",
                    "Remote case management is not yet safe: %(count)d prerequisites are not in "
                    "place.",
                    missing,
                )
                % {"count": missing}
            )
        if decision.is_shutdown_recommended and not plan.referral_pathways_reviewed_on:
            items.append(_("Record when the referral pathways were last reviewed."))
        if not decision.has_strategy:
            items.append(_("Record the government strategy in force."))
        if plan is None:
            items.append(_("Start the case-management continuity plan."))
        elif gaps := len(self.continuity.containment_gaps()):
            items.append(
                ngettext(
                    "%(count)d containment step is not in place.",
                    "%(count)d containment steps are not in place.",
                    gaps,
                )
                % {"count": gaps}
            )
        if self.latest is None:
            items.append(_("No readiness assessment yet."))
        elif self.latest.status == Assessment.Status.RETURNED:
            items.append(_("The assessment was returned with comments."))
        elif self.latest.status == Assessment.Status.SUBMITTED:
            items.append(_("The assessment is waiting for a manager's review."))
        elif self.latest.status == Assessment.Status.DRAFT and not self.progress.is_complete:
            items.append(
                _("The draft assessment has %(left)d items to answer.")
                % {"left": self.progress.total - self.progress.answered}
            )
        if self.overdue:
            items.append(
                ngettext(
                    "%(count)d action of the action plan is overdue.",
                    "%(count)d actions of the action plan are overdue.",
                    self.overdue,
                )
                % {"count": self.overdue}
            )
        return items
