"""Readiness across National Societies, computed with a fixed number of aggregated queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from math import fsum
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casemgmt.models import Continuity, ContinuityDecision
from standards.models import Answer, Assessment, ChecklistItem, Progress, Result
from tipguide.core.languages import column, original, reader_language

NO_ASSESSMENT = "none"
SECTIONS = (1, 2, 3)


# Only complete assessments are scored: a draft or a returned one is still being answered.
SCORED_STATUSES = (Assessment.Status.REVIEWED, Assessment.Status.SUBMITTED)


def average(values: list[float]) -> float:
    """The mean of some shares: statistics.mean's exact fractions took longer than the rest of
    the trend."""
    return fsum(values) / len(values)


class RegionRef(NamedTuple):
    code: str
    name: str


class SocietyRef(NamedTuple):
    """What the dashboard and its exports read of a National Society: no more."""

    pk: int
    name: str
    iso2: str
    region: RegionRef


class AssessmentRef(NamedTuple):
    """What the dashboard and its exports read of an assessment: no more."""

    pk: int
    status: str
    updated_at: datetime
    score: float | None
    section_scores: dict


@dataclass
class SocietyRow:
    """One National Society: its headline assessment, the latest reviewed one (or, without
    one, its latest), with any newer cycle in progress beside it; its strategy and decision."""

    society: SocietyRef
    assessment: AssessmentRef | None
    decision: ContinuityDecision
    in_progress: AssessmentRef | None = None

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
        return average(scores) if scores else None

    @cached_property
    def in_shutdown(self) -> int:
        return sum(1 for row in self.rows if row.decision.is_shutdown_recommended)


def society_rows(societies) -> list[SocietyRow]:
    """A row per National Society of `societies` (a queryset), by name, in a fixed number of
    queries, read as plain values: building a model for each society and assessment took
    longer than the rest of the dashboard's figures.

    The scores are those kept when each assessment was handed in: no answer is counted here.
    """
    # The names in the reader's language, else in English, read as columns: modeltranslation's
    # fallback for plain values took as long as the query, and does not reach the region's.
    own, english = column("name", reader_language()), original("name")
    regions = {}
    refs = [
        SocietyRef(
            pk,
            name or name_en,
            iso2,
            regions.setdefault(code, RegionRef(code, region or region_en)),
        )
        for pk, iso2, name, name_en, code, region, region_en in societies.annotate(
            own_name=F(own),
            own_region=F(f"region__{own}"),
            original_name=F(english),
            original_region=F(f"region__{english}"),
        ).values_list(
            "pk",
            "iso2",
            "own_name",
            "original_name",
            "region__code",
            "own_region",
            "original_region",
        )
    ]
    refs.sort(key=lambda society: society.name)  # the names shown, whichever language
    # Each society's cycles, newest first: its latest, and its latest reviewed one.
    latest, reviewed = {}, {}
    for society_id, pk, status in (
        Assessment.objects.filter(national_society__in=societies)
        .order_by("national_society_id", "-created_at")
        .values_list("national_society_id", "pk", "status")
    ):
        latest.setdefault(society_id, pk)
        if status == Assessment.Status.REVIEWED:
            reviewed.setdefault(society_id, pk)
    ids = {*latest.values(), *reviewed.values()}
    assessments = {
        values[0]: AssessmentRef(*values)
        for values in Assessment.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "status", "updated_at", "score", "section_scores")
    }
    decisions = Continuity.decisions_for(societies)
    rows = []
    for society in refs:
        headline = reviewed.get(society.pk) or latest.get(society.pk)
        newer = latest.get(society.pk)
        rows.append(
            SocietyRow(
                society=society,
                assessment=assessments.get(headline),
                decision=decisions[society.pk],
                in_progress=assessments.get(newer) if newer != headline else None,
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
    """The average score of the assessments handed in (submitted or reviewed), by quarter of
    the time zone in force. Grouped here: SQLite finds a quarter by calling Python for each
    assessment, which took longer than reading their dates."""
    scores = defaultdict(list)
    zone = timezone.get_current_timezone()  # once: timezone.localtime() looks it up each call
    for submitted_at, score in Assessment.objects.filter(
        national_society__in=societies,
        status__in=SCORED_STATUSES,
        score__isnull=False,
        submitted_at__isnull=False,  # the database refuses one handed in without a date
    ).values_list("submitted_at", "score"):
        local = submitted_at.astimezone(zone)
        scores[local.year, (local.month - 1) // 3 + 1].append(score)
    return [
        {
            "label": f"{year} Q{quarter}",
            "average": average(scores[year, quarter]),
            "assessments": len(scores[year, quarter]),
        }
        for year, quarter in sorted(scores)
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
