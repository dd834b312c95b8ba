"""Readiness across National Societies, computed with a fixed number of aggregated queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from statistics import mean

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncQuarter

from casemgmt.models import (
    ContinuityDecision,
    Decision,
    ProtocolStep,
    StepStatus,
    Strategy,
    StrategyRecord,
)
from standards.models import Answer, Assessment, ChecklistItem, Progress, Result
from tipguide.organisations.models import NationalSociety

NO_ASSESSMENT = "none"
SECTIONS = (1, 2, 3)


@dataclass
class SocietyRow:
    """One National Society: its latest assessment's progress, its strategy and decision."""

    society: NationalSociety
    assessment: Assessment | None
    progress: Progress | None
    sections: dict[int, Progress]
    decision: ContinuityDecision

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NO_ASSESSMENT

    @property
    def score(self) -> float | None:
        return self.progress.score if self.progress else None

    def section_score(self, number: int) -> float | None:
        section = self.sections.get(number)
        return section.score if section else None

    @property
    def section_scores(self) -> list[float | None]:
        return [self.section_score(number) for number in SECTIONS]

    @property
    def updated_at(self):
        return self.assessment.updated_at if self.assessment else None


@dataclass
class Summary:
    """Headline figures over some rows."""

    label: str
    rows: list[SocietyRow] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

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

    @property
    def average_score(self) -> float | None:
        scores = [row.score for row in self.rows if row.score is not None]
        return mean(scores) if scores else None

    @property
    def in_shutdown(self) -> int:
        return sum(1 for row in self.rows if row.decision.decision == Decision.SHUTDOWN)


def society_rows(societies) -> list[SocietyRow]:
    """A row per National Society of `societies` (a queryset), in six queries."""
    latest = Assessment.objects.filter(national_society=OuterRef("pk")).order_by("-created_at")
    strategy_in_force = StrategyRecord.objects.filter(national_society=OuterRef("pk")).order_by(
        "-since", "-recorded_at"
    )
    societies = list(
        societies.select_related("region").annotate(
            latest_assessment_id=Subquery(latest.values("pk")[:1]),
            strategy_id=Subquery(strategy_in_force.values("strategy_id")[:1]),
        )
    )
    assessment_ids = [s.latest_assessment_id for s in societies if s.latest_assessment_id]
    assessments = Assessment.objects.in_bulk(assessment_ids)
    sections = defaultdict(dict)
    for row in (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .values("assessment_id", "section_number")
        .annotate(**Progress.aggregates())
        .order_by()
    ):
        sections[row["assessment_id"]][row["section_number"]] = Progress(**Progress.from_row(row))
    strategies = Strategy.objects.in_bulk()
    steps = [step for step in ProtocolStep.objects.all() if step.is_prerequisite]
    states = defaultdict(dict)
    for society_id, step_id, state in StepStatus.objects.filter(
        plan__national_society__in=[s.pk for s in societies], step__is_prerequisite=True
    ).values_list("plan__national_society_id", "step_id", "state"):
        states[society_id][step_id] = state
    rows = []
    for society in societies:
        by_section = sections.get(society.latest_assessment_id, {})
        rows.append(
            SocietyRow(
                society=society,
                assessment=assessments.get(society.latest_assessment_id),
                progress=_total(by_section.values()) if by_section else None,
                sections=by_section,
                decision=ContinuityDecision.derive(
                    strategies.get(society.strategy_id), states[society.pk], steps
                ),
            )
        )
    return rows


def _total(progresses) -> Progress:
    names = Progress.aggregates().keys()
    return Progress(**{name: sum(getattr(p, name) for p in progresses) for name in names})


def by_region(rows: list[SocietyRow]) -> list[Summary]:
    regions = defaultdict(list)
    for row in rows:
        regions[row.society.region.name].append(row)
    return [Summary(name, regions[name]) for name in sorted(regions)]


def most_often_unmet(rows: list[SocietyRow], limit: int = 10) -> list[dict]:
    """Checklist items by the share of National Societies (whose latest assessment answered
    them as applicable) not meeting them, highest first."""
    assessment_ids = [row.assessment.pk for row in rows if row.assessment]
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
        .filter(not_met__gt=0)
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


SORT_KEYS = {
    "name": lambda row: row.society.name,
    "region": lambda row: (row.society.region.name, row.society.name),
    "status": lambda row: (row.status, row.society.name),
    "score": lambda row: row.score,
    "updated": lambda row: row.updated_at,
}


class Dashboard:
    """The figures for what one manager oversees, each computed on first use."""

    def __init__(self, societies, *, region="", status="", decision="", sort="name"):
        self.societies = societies
        self.filters = {"region": region, "status": status, "decision": decision}
        self.sort = sort if sort.lstrip("-") in SORT_KEYS else "name"

    @cached_property
    def all_rows(self) -> list[SocietyRow]:
        return society_rows(self.societies)

    @cached_property
    def rows(self) -> list[SocietyRow]:
        """The table: filtered, then sorted, rows without a figure last either way."""
        region, status, decision = self.filters.values()
        shown = [
            row
            for row in self.all_rows
            if (not region or row.society.region.code == region)
            and (not status or row.status == status)
            and (not decision or row.decision.decision == decision)
        ]
        key = SORT_KEYS[self.sort.lstrip("-")]
        present = sorted(
            (row for row in shown if key(row) is not None),
            key=key,
            reverse=self.sort.startswith("-"),
        )
        return present + [row for row in shown if key(row) is None]

    @cached_property
    def overall(self) -> Summary:
        return Summary("", self.all_rows)

    @cached_property
    def regions(self) -> list[Summary]:
        return by_region(self.all_rows)

    @cached_property
    def unmet(self) -> list[dict]:
        return most_often_unmet(self.all_rows)

    @cached_property
    def trend(self) -> list[dict]:
        return trend(self.societies)

    @cached_property
    def region_choices(self) -> list[tuple[str, str]]:
        regions = {(row.society.region.code, row.society.region.name) for row in self.all_rows}
        return sorted(regions, key=lambda choice: choice[1])
