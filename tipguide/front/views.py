import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache

from advocacy.models import Approach
from casemgmt.models import Continuity, Decision
from standards.models import (
    ACTION_RESULTS,
    ActionStatus,
    Answer,
    Assessment,
    Priority,
    Result,
    as_percent,
)
from tipguide.core.exports import Column, Sheet, csv_response, labels, xlsx_response
from tipguide.core.languages import reader_language
from tipguide.core.models import (
    DefinitionElement,
    Page,
    Passage,
    Resource,
    Source,
)
from tipguide.organisations.models import (
    NationalSociety,
    SocietyProfile,
    is_manager,
    works_with_societies,
)
from tipguide.organisations.shortcuts import get_society_for_user

from . import readiness
from .filters import STATUS_CHOICES, SocietyRowFilter
from .search import search_guidance
from .templatetags.figures import percent

SEARCH_MAX_TERMS = 8


def health(request: HttpRequest) -> HttpResponse:
    """A page in the site's layout that reads no data: for monitoring and as a benchmark's
    baseline."""
    return render(request, "health.html")


def _unavailable() -> list[str]:
    """The services a request needs that don't answer: the database, the cache."""
    down = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        down.append("database")
    probe = f"ready-{uuid.uuid4().hex}"
    try:
        cache.set(probe, "ok", timeout=10)
        answered = cache.get(probe) == "ok"
        cache.delete(probe)
    except Exception:  # Each cache backend raises its own errors when its server is away.
        answered = False
    if not answered:
        down.append("cache")
    return down


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness for a load balancer: 200 when the database and the cache answer, else 503 and
    which of them does not."""
    down = _unavailable()
    if down:
        return HttpResponse(
            "unavailable: " + ", ".join(down), status=503, content_type="text/plain"
        )
    return HttpResponse("ready", content_type="text/plain")


def _overview_context() -> dict:
    return {
        "passages": Passage.objects.by_slug(Page.OVERVIEW),
        "elements": DefinitionElement.objects.all(),
    }


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "tipguide/home.html", _overview_context())


def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "tipguide/overview.html", _overview_context())


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "tipguide/source_list.html", {"sources": Source.objects.all()})


def resources(request: HttpRequest) -> HttpResponse:
    by_collection = {}
    for resource in Resource.objects.all():
        by_collection.setdefault(resource.collection, []).append(resource)
    collections = [
        (value, label, by_collection[value])
        for value, label in Resource.Collection.choices
        if value in by_collection
    ]
    return render(
        request,
        "tipguide/resource_list.html",
        {"collections": collections, "passages": Passage.objects.by_slug(Page.RESOURCES)},
    )


def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split()[:SEARCH_MAX_TERMS])
    results = search_guidance(query) if query else None
    return render(request, "tipguide/search.html", {"query": query, "results": results})


@login_required
def society_list(request: HttpRequest) -> HttpResponse:
    if not works_with_societies(request.user):
        raise PermissionDenied
    societies = (
        NationalSociety.objects.visible_to(request.user)
        .select_related("region", "profile")
        .annotate(
            open_assessments=Count(
                "assessments", filter=Q(assessments__status__in=Assessment.OPEN_STATUSES)
            )
        )
        .order_by("region__name", "name")
    )
    return render(request, "tipguide/society_list.html", {"societies": societies})


@login_required
def society_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2)
    profile = SocietyProfile.objects.filter(national_society=society).first()
    assessments = list(society.assessments.all()[:10])
    latest = assessments[0] if assessments else None
    standing = readiness.SocietyStanding(
        latest=latest,
        progress=latest.progress() if latest else None,
        overdue=latest.answers.overdue().count() if latest else 0,
        continuity=Continuity.for_societies([society])[society.pk],
    )
    return render(
        request,
        "tipguide/society_detail.html",
        {
            "society": society,
            "profile": profile,
            "roles": profile.contact_roles.all() if profile else [],
            "assessments": assessments,
            "latest": latest,
            "latest_progress": standing.progress,
            "continuity": standing.continuity,
            "attention": standing.needs_attention(),
            "approach": Approach.objects.recommended_for(society),
            "can_edit": society.can_edit(request.user),
            "can_start": latest is None or latest.status == Assessment.Status.REVIEWED,
        },
    )


@login_required
def society_report(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2)
    latest = society.assessments.first()
    return render(
        request,
        "tipguide/society_report.html",
        {
            "society": society,
            "profile": SocietyProfile.objects.filter(national_society=society).first(),
            "latest": latest,
            "progress": latest.progress() if latest else None,
            "section_progress": latest.section_progress() if latest else [],
            "answers": latest.answers.all() if latest else [],
            "comparison": latest.comparison() if latest else None,
            "continuity": Continuity.for_societies([society])[society.pk],
            "today": timezone.localdate(),
        },
    )


def _reviewable_societies(request: HttpRequest):
    if not (request.user.is_superuser or is_manager(request.user)):
        raise PermissionDenied
    return NationalSociety.objects.reviewable_by(request.user)


DASHBOARD_PAGE_SIZE = 50


def _url_maker(name: str, example):
    """`name`'s URL for any argument like `example`, from a single reverse(): the table's
    hundred links would otherwise each resolve the URLconf. Only for arguments with nothing
    to quote: ISO codes, ids."""
    head, tail = reverse(name, args=[example]).rsplit(str(example), 1)
    return lambda argument: f"{head}{argument}{tail}"


def _table_rows_html(rows: list[readiness.SocietyRow]) -> list[str]:
    """The table's rows as HTML, each made by one format_html() as Django's admin makes its
    change list: through the template's variables, the table took longer than the rest of the
    page. Links come from one reverse() per URL pattern, month names from one translation a
    page."""
    society_url = _url_maker("society_detail", "ZZ")
    assessment_url = _url_maker("standards:assessment_detail", 2147483647)
    status_label = {value: str(label) for value, label in Assessment.Status.choices}
    newer_note = {
        value: _("newer cycle in progress (%(status)s)") % {"status": label.lower()}
        for value, label in status_label.items()
    }
    no_assessment = _("No assessment")
    decision_label = {value: str(label) for value, label in Decision.choices}
    strategy_name = {}  # each strategy's name in the reader's language, looked up once
    language = reader_language()
    zone = timezone.get_current_timezone()
    months = {}

    def day(moment) -> str:  # as the date filter's "j M Y" writes it
        if moment is None:
            return "—"
        local = moment.astimezone(zone)
        if local.month not in months:
            months[local.month] = date_format(local, "M")
        return f"{local.day} {months[local.month]} {local.year}"

    html = []
    for row in rows:
        newer, decision = row.in_progress, row.decision
        status = (
            format_html(
                '<span class="badge status-{}">{}</span>', row.status, status_label[row.status]
            )
            if row.assessment
            else no_assessment
        )
        if newer:
            status = format_html(
                '{} <a class="small d-block" href="{}">{}</a>',
                status,
                assessment_url(newer.pk),
                newer_note[newer.status],
            )
        alert = decision.is_shutdown_recommended or decision.is_remote_not_yet_safe
        if decision.strategy and decision.strategy.pk not in strategy_name:
            strategy_name[decision.strategy.pk] = decision.strategy.name
        html.append(
            format_html(
                '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td>{}<td>{}</td>'
                "<td>{}</td><td>{}</td></tr>",
                society_url(row.society.iso2),
                row.society.name,
                row.society.region.name,
                status,
                format_html_join(
                    "",
                    "<td>{}</td>",
                    ((percent(score, language),) for score in [row.score, *row.section_scores]),
                ),
                strategy_name[decision.strategy.pk] if decision.strategy else "—",
                format_html(
                    '<strong class="text-danger-emphasis">{}</strong>',
                    decision_label[decision.kind],
                )
                if alert
                else decision_label[decision.kind],
                day(row.updated_at),
            )
        )
    return html


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    societies = _reviewable_societies(request)
    all_rows = readiness.society_rows(societies)
    region_choices = readiness.region_choices(all_rows)
    table = SocietyRowFilter(request.GET, regions=region_choices)
    rows = table.filter_rows(all_rows)
    regions = readiness.by_region(rows)
    page = Paginator(table.in_table(rows), DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    figures = readiness.Figures(
        overall=readiness.Summary("", rows),
        regions=regions,
        unmet=readiness.most_often_unmet(rows),
        trend=readiness.trend([row.society.pk for row in rows]),
        rows=page.object_list,
        filters=table.filters_shown,
        sort=table.sort_shown,
    )
    scope = {row.society.region for row in all_rows}
    return render(
        request,
        "standards/dashboard.html",
        {
            "dashboard": figures,
            "page": page,
            "table": _table_rows_html(page.object_list),
            "one_region": scope.pop() if len(scope) == 1 else None,
            "min_answering": settings.DASHBOARD_MIN_ANSWERING,
            "region_choices": region_choices,
            "status_choices": STATUS_CHOICES,
            "decision_choices": Decision.choices,
            "filter_query": _filter_query(figures.filters, sort=figures.sort),
            "ignored_filters": table.ignored,
        },
        status=400 if table.ignored else 200,
    )


def _filter_query(filters: dict, **extra) -> str:
    """The dashboard's filters in force as a query string, for its links and exports."""
    return urlencode({name: value for name, value in {**filters, **extra}.items() if value})


def _export_table(request: HttpRequest) -> tuple[SocietyRowFilter, list[readiness.SocietyRow]]:
    """The dashboard's table for an export: its filters, and the rows they keep."""
    rows = readiness.society_rows(_reviewable_societies(request))
    table = SocietyRowFilter(request.GET, regions=readiness.region_choices(rows))
    return table, table.in_table(table.filter_rows(rows))


def _refused_export(table: SocietyRowFilter) -> HttpResponse:
    return HttpResponse(
        _("Nothing was exported: %(filters)s is not one of the choices.")
        % {"filters": "; ".join(table.ignored)},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


EXPORT_COLUMNS = [
    Column("national_society", _lazy("National Society")),
    Column("iso_code", _lazy("ISO code")),
    Column("region", _lazy("Region")),
    Column("status", _lazy("Status")),
    Column("score", _lazy("Score")),
    Column("section_1_score", _lazy("Section 1 score")),
    Column("section_2_score", _lazy("Section 2 score")),
    Column("section_3_score", _lazy("Section 3 score")),
    Column("strategy", _lazy("Strategy in force")),
    Column("continuity_decision", _lazy("Continuity decision")),
    Column("updated_at", _lazy("Last updated")),
]
SCORE_COLUMNS = {4, 5, 6, 7}


def _export_rows(shown, score=lambda share: "" if share is None else as_percent(share)):
    """The table's rows for an export; `score` writes a share (a whole percentage, by default)."""
    return [
        [
            row.society.name,
            row.society.iso2,
            row.society.region.name,
            row.status_label if row.assessment else _("No assessment"),
            score(row.score),
            *[score(share) for share in row.section_scores],
            row.decision.strategy.name if row.decision.strategy else "",
            row.decision.label,
            row.updated_at,
        ]
        for row in shown
    ]


@login_required
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    table, shown = _export_table(request)
    if table.ignored:
        return _refused_export(table)
    rows = [
        [*row[:-1], row[-1].strftime("%Y-%m-%d %H:%M") if row[-1] else ""]
        for row in _export_rows(shown)
    ]
    return csv_response("readiness.csv", EXPORT_COLUMNS, rows)


def _export_caption(request: HttpRequest, table: SocietyRowFilter, shown) -> str:
    """What the workbook holds: whose National Societies, which filters, when."""
    regions = sorted({row.society.region.name for row in shown})
    filters = table.filters_shown
    applied = ", ".join(f"{name} = {value}" for name, value in filters.items() if value)
    return _(
        "Readiness of the National Societies %(user)s oversees (%(regions)s); filters: "
        "%(filters)s; exported %(when)s."
    ) % {
        "user": request.user.get_username(),
        "regions": ", ".join(regions) or _("none"),
        "filters": applied or _("none"),
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
    }


@login_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    table, shown = _export_table(request)
    if table.ignored:
        return _refused_export(table)
    headline = {row.assessment.pk: row.society for row in shown if row.assessment}
    # Thousands of answers: plain values, and each choice's label looked up once.
    result_label, status_label, priority_label = (
        {value: str(label) for value, label in choices.choices}
        for choices in (Result, ActionStatus, Priority)
    )
    overdue, today = _("Overdue"), timezone.localdate()
    answers = (
        Answer.objects.filter(assessment_id__in=headline)
        .order_by("assessment__national_society__name", "section_number", "item_position")
        .values_list(
            "assessment_id", "item_code", "item_key_phrase", "item_text", "result", "reason",
            "action_status", "priority", "next_step", "owner_role", "due_date", "completed_on",
            "notes", "evidence",
        )
    )  # fmt: skip
    results, actions = [], []
    for (
        assessment_id, code, key_phrase, text, result, reason, action_status, priority,
        next_step, owner_role, due_date, completed_on, notes, evidence,
    ) in answers:  # fmt: skip
        society = headline[assessment_id]
        result_shown = result_label.get(result, result)
        results.append([society.name, society.iso2, code, key_phrase or text, result_shown, reason])
        if result in ACTION_RESULTS:
            actions.append(
                [
                    society.name,
                    society.iso2,
                    code,
                    result_shown,
                    status_label.get(action_status, action_status),
                    priority_label.get(priority, priority),
                    next_step,
                    owner_role,
                    due_date,
                    overdue
                    if Answer.overdue_action(result, action_status, due_date, today)
                    else "",
                    completed_on,
                    notes,
                    evidence,
                ]
            )
    sheets = [
        Sheet(_("Readiness"), labels(EXPORT_COLUMNS),
              _export_rows(shown, score=lambda share: share), percent_columns=SCORE_COLUMNS),
        Sheet(
            _("Item results"),
            [_("National Society"), _("ISO code"), _("Item"), _("Requirement"), _("Result"),
             _("Why it does not apply")],
            results,
        ),
        Sheet(
            _("Action plans"),
            [_("National Society"), _("ISO code"), _("Item"), _("Result"), _("Status"),
             _("Priority"), _("Next step"), _("Owner (role)"), _("Due"), _("Overdue"),
             _("Completed on"), _("Notes"), _("Evidence")],
            actions,
        ),
    ]  # fmt: skip
    return xlsx_response("readiness.xlsx", sheets, caption=_export_caption(request, table, shown))
