"""Exports that open safely in a spreadsheet."""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from xlsxwriter import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Return `value` as text a spreadsheet shows as text, never as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@dataclass(frozen=True)
class Column:
    """An export's column: `key` heads it in a CSV, the same in every language, so a script
    reading the file keeps working; `label` heads it in a workbook, in the reader's language."""

    key: str
    label: str


def labels(columns: list[Column]) -> list[str]:
    return [str(column.label) for column in columns]


def csv_response(filename: str, columns: list[Column], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([column.key for column in columns])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDEST_COLUMN = 60


@dataclass
class Sheet:
    """One sheet of a workbook: a header row and rows. Shares (0 to 1) in `percent_columns`
    show as percentages; dates and times as dates."""

    title: str
    header: list[str]
    rows: list[list]
    percent_columns: set[int] = field(default_factory=set)


def _cell(value):
    if isinstance(value, str):
        return spreadsheet_safe(value)
    if isinstance(value, datetime):
        # Spreadsheets know no time zones: the local time, as the pages show it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | date | Decimal) or value is None:
        return value
    return spreadsheet_safe(value)


def _is_markup(value) -> bool:
    """XlsxWriter writes a string running from <r> to </r> into the file as it stands, as
    rich-text markup: a note typed so would lose its words or make the file unreadable."""
    return value.__class__ is str and value.startswith("<r>") and value.endswith("</r>")


def _write_as_typed(sheet, row: int, col: int, text: str, cell_format=None) -> None:
    """Write `text` as it reads, even text `_is_markup`: as plain runs, which are escaped."""
    if _is_markup(text):
        runs = [text[0], text[1], text[2:]]  # XlsxWriter asks for three parts or more
        sheet.write_rich_string(row, col, *runs, *([cell_format] if cell_format else []))
    else:
        sheet.write_string(row, col, text, cell_format)


def _write(workbook: Workbook, formats: dict, spec: Sheet, caption: str) -> None:
    sheet = workbook.add_worksheet(spec.title[:31])
    header = [str(cell) for cell in spec.header]
    rows = [[_cell(value) for value in row] for row in spec.rows]
    first = 1 if caption else 0  # the header's row, counted from 0
    # Each column's width, and its format: percentages, or dates and times when it holds them.
    widths = [len(cell) for cell in header]
    kinds = [formats["percent"] if index in spec.percent_columns else None for index in
             range(len(header))]  # fmt: skip
    markup = []  # cells to write on their own, as typed
    for number, values in enumerate(rows, first + 1):
        for index, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, date) and kinds[index] is None:
                kinds[index] = formats["datetime" if isinstance(value, datetime) else "date"]
            if (width := len(str(value))) > widths[index]:
                widths[index] = width
            if _is_markup(value):
                markup.append((number, index, value))
                values[index] = None
    for index, width in enumerate(widths):
        # A cell without a format of its own takes its column's.
        sheet.set_column(index, index, min(width + 2, WIDEST_COLUMN), kinds[index])
    sheet.autofilter(first, 0, first + len(rows), max(len(header), 1) - 1)
    sheet.freeze_panes(first + 1, 0)
    if caption:
        _write_as_typed(sheet, 0, 0, spreadsheet_safe(caption), formats["caption"])
    sheet.write_row(first, 0, header, formats["header"])
    # The workbook writes text as text (strings_to_formulas off), empty cells not at all.
    for number, values in enumerate(rows, first + 1):
        sheet.write_row(number, 0, values)
    for number, index, text in markup:
        _write_as_typed(sheet, number, index, text)


def xlsx_response(filename: str, sheets: list[Sheet], caption: str = "") -> HttpResponse:
    """A workbook, a sheet per `Sheet`, each headed by `caption` (what it holds, for whom,
    when): numbers stay numbers, dates dates, text never becomes a formula."""
    buffer = BytesIO()
    workbook = Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = {
        "caption": workbook.add_format({"italic": True}),
        "header": workbook.add_format({"bold": True}),
        "percent": workbook.add_format({"num_format": "0%"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    for spec in sheets:
        _write(workbook, formats, spec, caption)
    workbook.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
