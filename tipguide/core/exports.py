"""Exports that open safely in a spreadsheet."""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
    if isinstance(value, datetime):
        # Spreadsheets know no time zones: the local time, as the pages show it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | date | Decimal):
        return value
    return spreadsheet_safe(value)


def _styled(sheet, value, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _formatted(sheet, value, as_percent: bool):
    """The value as the sheet writes it: a styled cell where it needs a number format."""
    if as_percent and isinstance(value, int | float) and not isinstance(value, bool):
        return _styled(sheet, value, number_format="0%")
    if isinstance(value, datetime):
        return _styled(sheet, value, number_format="yyyy-mm-dd hh:mm")
    if isinstance(value, date):
        return _styled(sheet, value, number_format="yyyy-mm-dd")
    return value


def _write(workbook: Workbook, spec: Sheet, caption: str) -> None:
    # A write-only sheet streams its rows: widths, filter and panes are set before any row.
    sheet = workbook.create_sheet(spec.title[:31])
    header = [str(cell) for cell in spec.header]
    rows = [[_cell(value) for value in row] for row in spec.rows]
    widths = [len(cell) for cell in header]
    for values in rows:
        for index, value in enumerate(values):
            widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, WIDEST_COLUMN)
    first = 2 if caption else 1
    last = get_column_letter(max(len(spec.header), 1))
    sheet.auto_filter.ref = f"A{first}:{last}{first + len(rows)}"
    sheet.freeze_panes = f"A{first + 1}"
    if caption:
        sheet.append([_styled(sheet, spreadsheet_safe(caption), font=Font(italic=True))])
    bold = Font(bold=True)
    sheet.append([_styled(sheet, cell, font=bold) for cell in header])
    percent = [index in spec.percent_columns for index in range(len(header))]
    for values in rows:
        sheet.append(
            [_formatted(sheet, value, percent[index]) for index, value in enumerate(values)]
        )


def xlsx_response(filename: str, sheets: list[Sheet], caption: str = "") -> HttpResponse:
    """A workbook, a sheet per `Sheet`, each headed by `caption` (what it holds, for whom,
    when): numbers stay numbers, dates dates, text never becomes a formula."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write(workbook, spec, caption)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
