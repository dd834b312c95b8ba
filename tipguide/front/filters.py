import django_filters
from django.utils.translation import gettext_lazy as _

from casemgmt.models import Decision
from standards.models import Assessment
from tipguide.organisations.models import NationalSociety

from .readiness import NO_ASSESSMENT, SocietyRow

STATUS_CHOICES = [*Assessment.Status.choices, (NO_ASSESSMENT, _("No assessment"))]

# What each filter compares and each sort orders by, on a row.
ROW_VALUES = {
    "region": lambda row: row.society.region.code,
    "status": lambda row: row.status,
    "decision": lambda row: row.decision.kind,
}
SORT_KEYS = {
    "name": lambda row: row.society.name,
    "region": lambda row: (row.society.region.name, row.society.name),
    "status": lambda row: (row.status, row.society.name),
    "score": lambda row: row.score,
    "updated": lambda row: row.updated_at,
}


class SocietyRowFilter(django_filters.FilterSet):
    """The dashboard table's filters and sort.

    They apply to the rows, not to a queryset: a row's status, score and continuity decision
    are derived in Python from the figures fetched for every row, so filtering them again in
    SQL would repeat the rules and the queries. A value that is not one of the choices (the
    regions: those of the rows) is ignored, and `ignored` names it for the page to say so.
    """

    region = django_filters.ChoiceFilter(label=_("Region"), method="keep")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("All"), method="keep"
    )
    decision = django_filters.ChoiceFilter(
        label=_("Continuity decision"),
        choices=Decision.choices,
        empty_label=_("All"),
        method="keep",
    )
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("all", _("Every National Society, assessed or not"))],
        empty_label=_("National Societies with an assessment"),
        method="keep_all",
    )
    sort = django_filters.OrderingFilter(fields=[(key, key) for key in SORT_KEYS], method="order")

    class Meta:
        model = NationalSociety
        fields = []

    def __init__(self, data=None, *, regions=(), **kwargs):
        super().__init__(data, **kwargs)
        self.filters["region"].extra["choices"] = regions

    @property
    def ignored(self) -> list[str]:
        """Each parameter given a value that is not one of its choices, as "label = value"."""
        self.is_valid()
        return [f"{self.filters[name].label} = {self.data.get(name)}" for name in self.form.errors]

    def filter_queryset(self, rows: list[SocietyRow]) -> list[SocietyRow]:
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows

    def filter_rows(self, rows: list[SocietyRow]) -> list[SocietyRow]:
        """The rows the table shows, in its order; rows come in by name."""
        self.is_valid()  # a value with errors is left out of cleaned_data, so ignored
        return self.filter_queryset(rows)

    def in_table(self, rows: list[SocietyRow]) -> list[SocietyRow]:
        """The filtered rows the table lists: those with an assessment, unless asked for all,
        for those without one, or for a continuity decision, which a National Society has
        assessed or not: the headline card that applies it counts them all."""
        self.is_valid()
        data = self.form.cleaned_data
        if data.get("show") == "all" or data.get("status") == NO_ASSESSMENT or data.get("decision"):
            return rows
        return [row for row in rows if row.assessment is not None]

    def keep_all(self, rows, name, value):
        return rows

    def keep(self, rows, name, value):
        return [row for row in rows if ROW_VALUES[name](row) == value]

    def order(self, rows, name, params):
        """Sort by each parameter in turn, rows without a figure last either way."""
        for param in reversed(params):
            key = SORT_KEYS[param.lstrip("-")]
            present = sorted(
                (row for row in rows if key(row) is not None),
                key=key,
                reverse=param.startswith("-"),
            )
            rows = present + [row for row in rows if key(row) is None]
        return rows

    @property
    def filters_shown(self) -> dict[str, str]:
        """The filters in force, to keep in the table's sort links."""
        self.is_valid()
        return {name: self.form.cleaned_data.get(name) or "" for name in [*ROW_VALUES, "show"]}

    @property
    def sort_shown(self) -> str:
        self.is_valid()
        return ",".join(self.form.cleaned_data.get("sort") or ["name"])
