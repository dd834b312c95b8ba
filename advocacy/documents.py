"""A briefing as a Word document: the guidance's words as quoted, everything else in the
user's language.

python-docx has no API for footnotes or endnotes, so the sources are a numbered "Sources"
section at the end, each marker in the text a superscript number pointing to it.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from tipguide.core.models import FOOTNOTE_MARKER, bold_phrases

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_filename(briefing) -> str:
    return f"briefing-{briefing.national_society.iso2.lower()}-{slugify(briefing.title)[:50]}.docx"


def briefing_document(briefing, *, quotes, asks, principles, sources) -> bytes:
    document = Document()
    document.core_properties.title = briefing.title
    document.core_properties.language = get_language()
    document.add_heading(briefing.title, level=0)
    facts = document.add_paragraph()
    for label, value in (
        (_("National Society"), briefing.national_society.name),
        (_("Audience"), briefing.get_audience_display()),
        (
            _("Approach"),
            _("Approach %(number)s: %(title)s")
            % {"number": briefing.approach.number, "title": briefing.approach.title},
        ),
        (
            _("Version"),
            f"{briefing.version}, "
            + date_format(timezone.localtime(briefing.updated_at).date(), "j F Y"),
        ),
    ):
        if facts.runs:
            facts.runs[-1].add_break()
        facts.add_run(f"{label}: ").bold = True
        facts.add_run(str(value))

    if briefing.has_context():
        document.add_heading(_("Our context"), level=1)
        for label, value in (
            (_("The situation"), briefing.situation),
            (_("Figures"), briefing.figures),
            (_("Source of the figures"), briefing.figures_source),
            (_("Our request to you"), briefing.request),
        ):
            if value:
                document.add_heading(str(label), level=2)
                for paragraph in value.split("\n"):
                    if paragraph.strip():
                        document.add_paragraph(paragraph.strip())

    document.add_heading(_("What we call for"), level=1)
    document.add_paragraph(_("Decision makers should ensure that:"))
    for ask in asks:
        _quoted(document.add_paragraph(style="List Bullet"), ask.text, ask.emphasis)

    document.add_heading(_("Our messages"), level=1)
    for quote in quotes:
        _quoted(document.add_paragraph(style="List Number"), quote.text, quote.emphasis)
        note = document.add_paragraph(
            _("Objective %(code)s: %(title)s")
            % {"code": quote.objective_code, "title": quote.objective_title}
        )
        note.paragraph_format.left_indent = Pt(18)
        note.runs[0].italic = True
        note.runs[0].font.size = Pt(9)

    document.add_heading(_("How we carry these messages"), level=1)
    for principle in principles:
        _quoted(document.add_paragraph(style="List Bullet"), principle.text, principle.emphasis)

    if sources:
        document.add_heading(_("Sources"), level=1)
        for source in sources:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{source.number}. ").bold = True
            paragraph.add_run(source.text)
            if source.url and source.url not in source.text:
                paragraph.add_run(f" {source.url}")

    closing = document.add_paragraph()
    closing.add_run(
        _(
            "The messages are quoted from the IFRC guidance Covid-19 and Trafficking in Persons "
            "(TiP), Protection, Gender and Inclusion."
        )
    ).italic = True

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _quoted(paragraph, text: str, emphasis) -> None:
    """Write guidance words into `paragraph`: its bold phrases bold, each footnote marker a
    superscript number."""
    for piece, bold, marker in _pieces(text, emphasis):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.font.superscript = marker or None


def _pieces(text: str, emphasis) -> list[tuple[str, bool, bool]]:
    """Split `text` into (piece, bold, footnote marker): the first occurrence of each bold phrase
    is bold, as on the portal's pages."""
    bold = [False] * len(text)
    for phrase in bold_phrases(emphasis):
        start = text.find(phrase)
        if start != -1:
            bold[start : start + len(phrase)] = [True] * len(phrase)
    pieces, last = [], 0
    for match in [*FOOTNOTE_MARKER.finditer(text), None]:
        end = match.start() if match else len(text)
        while last < end:
            run_end = last
            while run_end < end and bold[run_end] == bold[last]:
                run_end += 1
            pieces.append((text[last:run_end], bold[last], False))
            last = run_end
        if match:
            pieces.append((match[1], False, True))
            last = match.end()
    return pieces
