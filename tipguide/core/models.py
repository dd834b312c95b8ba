import re
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from tipguide.core.languages import LANGUAGE_CODES, column, original, translated_fields

FOOTNOTE_MARKER = re.compile(r"\[\^(\d+)\]")


# A source's number is a small integer on every database: a larger marker names no source.
LARGEST_SOURCE_NUMBER = 32767


def bold_phrases(emphasis) -> list[str]:
    """The phrases of stored `emphasis`, leaving out whatever is not one."""
    if not isinstance(emphasis, list):
        return []
    return [phrase for phrase in emphasis if isinstance(phrase, str) and phrase.strip()]


class GuidanceQuerySet(models.QuerySet):
    """Look guidance records up by the stable keys the guidance gives them."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


GuidanceManager = models.Manager.from_queryset(GuidanceQuerySet)


@dataclass(frozen=True)
class Search:
    """How the portal's search looks through a kind of guidance record: where its group of hits
    stands, the group's heading, the fields matched, the relations each hit's link needs."""

    position: int
    label: str
    fields: tuple[str, ...]
    related: tuple[str, ...] = ()


def searchable_models() -> list:
    """The guidance records that declare a `SEARCH`, in the order their groups of hits show."""
    found = [model for model in apps.get_models() if getattr(model, "SEARCH", None)]
    return sorted(found, key=lambda model: model.SEARCH.position)


@dataclass(frozen=True)
class Edit:
    """When a guidance record's words were last changed, and what the guidance first said."""

    date: datetime
    original: str
    history_url: str


class GuidanceRecord(models.Model):
    """A piece of the guidance, seeded from fixtures and kept by its natural key."""

    NATURAL_KEY: tuple[str, ...] = ()
    SEARCH: Search | None = None

    objects = GuidanceManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def natural_key(self):
        key = []
        for path in self.NATURAL_KEY:
            value = self
            for attr in path.split("__"):
                value = getattr(value, attr)
            key.append(value)
        return tuple(key)

    @classmethod
    def original_column(cls, name: str) -> str:
        """The column of field `name` that holds the guidance's own, English, words."""
        return original(name) if name in translated_fields(cls) else name

    def edited(self) -> Edit | None:
        """Say when the record's text was changed from the words it was seeded with, if it was.

        The first version in the record's history is the one the seed fixtures created. Only
        the English text, the guidance's own words, counts: a translation is no edit.
        """
        if not hasattr(self, "text"):
            return None
        english = self.original_column("text")
        history = self.history.all()
        # A record stored without going through save(), a raw fixture load, has no history.
        first = history.only("history_date", english).order_by("history_date", "history_id").first()
        if first is None or getattr(first, english) == getattr(self, english):
            return None
        meta = self._meta
        return Edit(
            date=history.only("history_date").latest().history_date,
            original=FOOTNOTE_MARKER.sub("", getattr(first, english)),
            history_url=reverse(
                f"admin:{meta.app_label}_{meta.model_name}_history", args=[self.pk]
            ),
        )


class GuidanceText(GuidanceRecord):
    """Guidance words, with `[^N]` where footnote N is cited and the bold phrases kept apart."""

    text = models.TextField(
        _("text"),
        help_text=_(
            "The guidance's own words. Mark a footnote reference as [^N]; separate paragraphs "
            "with a blank line."
        ),
    )
    emphasis = models.JSONField(
        _("emphasis"),
        default=list,
        blank=True,
        help_text=_("The phrases of the text the guidance sets in bold, as a JSON list."),
    )

    class Meta:
        abstract = True

    @property
    def key_phrase(self) -> str:
        phrases = bold_phrases(self.emphasis)
        return phrases[0] if phrases else ""

    def plain_text(self) -> str:
        return FOOTNOTE_MARKER.sub("", self.text)

    def cited_source_numbers(self, text: str | None = None) -> list[int]:
        """The numbers of the footnote markers in the text (or in `text`) that could name a
        source."""
        numbers = {int(n) for n in FOOTNOTE_MARKER.findall(self.text if text is None else text)}
        return sorted(n for n in numbers if n <= LARGEST_SOURCE_NUMBER)

    def _text_columns(self) -> list[str]:
        """The text and, where it has a column per language, each language's column."""
        if "text" not in translated_fields(type(self)):
            return ["text"]
        return ["text", *(column("text", code) for code in LANGUAGE_CODES)]

    def clean_fields(self, exclude=None):
        """Also check the bold phrases and the footnote markers, where they are being edited.

        Checked here rather than in clean(), which runs whatever a form shows: a form without
        these fields (a list of editable positions) cannot show errors on them.
        """
        exclude = set(exclude or ())
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "emphasis" not in exclude | errors.keys():
            errors.update(self._emphasis_errors())
        # A form shows the column of each language, not the text itself.
        for name in self._text_columns():
            if name not in exclude | errors.keys():
                errors.update(self._footnote_errors(name))
        if errors:
            raise ValidationError(errors)

    def _emphasis_errors(self) -> dict:
        if bold_phrases(self.emphasis) != self.emphasis:
            return {"emphasis": _("Give the bold phrases as a list of phrases.")}
        # The bold phrases are the English text's.
        text = getattr(self, self.original_column("text")) or ""
        missing = [phrase for phrase in self.emphasis if phrase not in text]
        if missing:
            message = _(
                "Each bold phrase must appear in the text exactly as written. "
                "Not in the text: %(phrases)s"
            )
            return {"emphasis": message % {"phrases": "; ".join(missing)}}
        return {}

    def _footnote_errors(self, name: str) -> dict:
        text = getattr(self, name) or ""
        numbers = {int(n) for n in FOOTNOTE_MARKER.findall(text)}
        if not numbers:
            return {}
        sources = Source.objects.filter(number__in=self.cited_source_numbers(text))
        missing = sorted(numbers - set(sources.values_list("number", flat=True)))
        if missing:
            message = ngettext(
                "There is no footnote %(numbers)s: add the source first, or correct the marker.",
                "There are no footnotes %(numbers)s: add the sources first, or correct the "
                "markers.",
                len(missing),
            )
            return {name: message % {"numbers": ", ".join(str(n) for n in missing)}}
        return {}


class Source(GuidanceRecord):
    """A footnote of the guidance."""

    SEARCH = Search(16, _("Sources"), ("text",))

    NATURAL_KEY = ("number",)

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    text = models.TextField(_("text"), help_text=_("The footnote as the guidance gives it."))
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def get_absolute_url(self):
        return f"{reverse('sources')}#source-{self.number}"


class Page(models.TextChoices):
    OVERVIEW = "overview", _("Overview")
    RISKS = "risks", _("Risk factors")
    STANDARDS = "standards", _("Checklists")
    CASEMGMT = "casemgmt", _("Case management")
    ADVOCACY = "advocacy", _("Advocacy")
    RESOURCES = "resources", _("Resources")


PAGE_URL_NAMES = {
    Page.OVERVIEW: "overview",
    Page.RISKS: "risks:index",
    Page.STANDARDS: "standards:index",
    Page.CASEMGMT: "casemgmt:index",
    Page.ADVOCACY: "advocacy:index",
    Page.RESOURCES: "resources",
}


class PassageQuerySet(GuidanceQuerySet):
    def by_slug(self, page: str) -> dict[str, "Passage"]:
        """Return the page's passages by slug, "-" written "_" so templates can look them up."""
        return {p.slug.replace("-", "_"): p for p in self.filter(page=page)}


class Passage(GuidanceText):
    """A paragraph of the guidance's prose, shown on one page of the portal."""

    SEARCH = Search(14, _("Guidance text"), ("title", "text"))

    NATURAL_KEY = ("slug",)

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    page = models.CharField(_("page"), max_length=20, choices=Page.choices)
    title = models.CharField(_("heading"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = models.Manager.from_queryset(PassageQuerySet)()

    class Meta:
        ordering = ["page", "position"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse(PAGE_URL_NAMES[self.page])


class DefinitionElement(GuidanceText):
    """One element of the Palermo Protocol's definition: the act, the means or the purpose."""

    SEARCH = Search(15, _("Definition of TiP"), ("text",))

    NATURAL_KEY = ("key",)

    class Key(models.TextChoices):
        ACT = "act", _("Act")
        MEANS = "means", _("Means")
        PURPOSE = "purpose", _("Purpose")

    key = models.CharField(_("element"), max_length=10, choices=Key.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("definition element")
        verbose_name_plural = _("definition elements")

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        return f"{reverse('overview')}#definition"


class Resource(GuidanceRecord):
    """A document or platform the guidance points to."""

    SEARCH = Search(17, _("Resources"), ("title", "description"))

    NATURAL_KEY = ("slug",)

    class Collection(models.TextChoices):
        IFRC = "ifrc", _("Related guidance developed by IFRC")
        TIP_COVID = "tip-covid", _("Related guidance on Covid-19 and the increased risks of TiP")
        STAFF_WELLBEING = "staff-wellbeing", _("Caring for staff and volunteers")
        REMOTE_SERVICES = "remote-services", _("Providing services remotely")
        SUPPORT = "support", _("Further information and support")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    collection = models.CharField(_("collection"), max_length=20, choices=Collection.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("The guidance names this resource without an address; add one when known."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["collection", "position"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('resources')}#resource-{self.slug}"
