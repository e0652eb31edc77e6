"""Excel export of the registry: what the user may see, as the import workbook (so it can be imported again).

Streamed with openpyxl's write-only mode (memory stays flat at 40,000 rows); texts that would start a formula
are written as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import VIEW
from greenmine.registry.excel import (
    ENTERPRISE_COLUMNS,
    MINE_COLUMNS,
    MINE_KIND_LABELS,
    MINE_STATUS_LABELS,
    RIGHT_COLUMNS,
    SHEET_ENTERPRISES,
    SHEET_MINES,
    SHEET_RIGHTS,
    Column,
)
from greenmine.registry.models import Mine, MiningRight


def _safe(ws: Any, value: Any) -> Any:
    """A text starting with '=' is written as text, never as a formula (no formula injection)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and not _is_number(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _header_cells(ws: Any, columns: list[Column]) -> list[Any]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=("*" if column.required else "") + column.header)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _rows_enterprises(user: User) -> Iterator[list[Any]]:
    townships = dict(
        Organisation.objects.filter(kind=OrganisationKind.TOWNSHIP).values_list("division_id", "name")
    )
    enterprises = Organisation.objects.restrict(user, VIEW).filter(kind=OrganisationKind.ENTERPRISE)
    for org in enterprises.order_by("name").iterator(chunk_size=2000):
        yield [
            org.name,
            org.uscc,
            org.legal_representative,
            org.contact_person,
            org.phone,
            org.address,
            townships.get(org.division_id, ""),
        ]


def _rows_mines(user: User) -> Iterator[list[Any]]:
    mines = (
        Mine.objects.restrict(user, VIEW)
        .select_related("enterprise", "township", "mineral")
        .order_by("name", "pk")
    )
    for mine in mines.iterator(chunk_size=2000):
        yield [
            mine.name,
            mine.enterprise.name,
            mine.township.name,
            mine.mineral.name,
            MINE_KIND_LABELS.get(mine.mine_kind, mine.mine_kind),
            mine.production_scale,
            MINE_STATUS_LABELS.get(mine.status, mine.status),
            mine.address,
            mine.longitude,
            mine.latitude,
            mine.notes,
        ]


def _rows_rights(user: User) -> Iterator[list[Any]]:
    rights = MiningRight.objects.restrict(user, VIEW).select_related("holder", "mine").order_by("licence_no")
    for right in rights.iterator(chunk_size=2000):
        yield [
            right.licence_no,
            right.holder.name,
            right.mine.name,
            right.valid_from,
            right.valid_until,
            right.licensed_area_km2,
            right.boundary_text,
        ]


def export_workbook(user: User, target: IO[bytes] | Path) -> int:
    """Write what `user` may see (through the permission primitive) as the three import sheets, streamed
    (write-only mode keeps memory flat at 40,000 rows). Returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    count = 0
    date_style = "yyyy-mm-dd"
    for name, columns, rows in (
        (SHEET_ENTERPRISES, ENTERPRISE_COLUMNS, _rows_enterprises(user)),
        (SHEET_MINES, MINE_COLUMNS, _rows_mines(user)),
        (SHEET_RIGHTS, RIGHT_COLUMNS, _rows_rights(user)),
    ):
        ws = workbook.create_sheet(name)
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.append(_header_cells(ws, columns))
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = date_style
                    cells.append(cell)
                elif isinstance(value, str) and "\n" in value:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    cells.append(cell)
                else:
                    cells.append(_safe(ws, value))
            ws.append(cells)
            count += 1
    workbook.save(target)
    return count
