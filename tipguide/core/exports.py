"""Exports that open safely in a spreadsheet."""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Return `value` as text a spreadsheet shows as text, never as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
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


def _write(sheet, spec: Sheet, caption: str) -> None:
    sheet.title = spec.title[:31]
    first = 1
    if caption:
        sheet.append([spreadsheet_safe(caption)])
        sheet["A1"].font = Font(italic=True)
        first = 2
    sheet.append([str(cell) for cell in spec.header])
    for cell in sheet[first]:
        cell.font = Font(bold=True)
    widths = [len(str(cell)) for cell in spec.header]
    for row in spec.rows:
        values = [_cell(value) for value in row]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
    for index, width in enumerate(widths, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(width + 2, WIDEST_COLUMN)
        for (cell,) in sheet.iter_rows(min_row=first + 1, min_col=index, max_col=index):
            if index - 1 in spec.percent_columns and isinstance(cell.value, int | float):
                cell.number_format = "0%"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    last = get_column_letter(max(len(spec.header), 1))
    sheet.auto_filter.ref = f"A{first}:{last}{max(sheet.max_row, first)}"
    sheet.freeze_panes = f"A{first + 1}"


def xlsx_response(filename: str, sheets: list[Sheet], caption: str = "") -> HttpResponse:
    """A workbook, a sheet per `Sheet`, each headed by `caption` (what it holds, for whom,
    when): numbers stay numbers, dates dates, text never becomes a formula."""
    workbook = Workbook()
    for index, spec in enumerate(sheets):
        _write(workbook.active if index == 0 else workbook.create_sheet(), spec, caption)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
