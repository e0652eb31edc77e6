"""Excel exchange of the registry: the template, the export, and the all-or-nothing import.

One workbook, three sheets with Chinese headers: 企业 (enterprises), 矿山 (mines), 采矿权 (mining rights;
the licence coordinates in one multi-line cell). Rows are read in that order, so a mine may name an
enterprise registered a few rows up in the same file.

The import writes only through the services (`core.services.create_organisation`,
`registry.services.create_mine`, `registry.services.create_mining_right`), inside ONE transaction: each row
runs in its own savepoint, so every bad row is found and reported (sheet, row number, column, reason), and
if any row is bad the whole transaction is rolled back — all rows or none.

The headers and code labels are the file format, not user-interface text: they stay Chinese in every
language, so an exported file can always be imported again.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from greenmine.core import services as core_services
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import VIEW, memberships_of
from greenmine.registry import services
from greenmine.registry.choices import MineKind, MineStatus
from greenmine.registry.models import Mine, Mineral

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
SHEET_ENTERPRISES, SHEET_MINES, SHEET_RIGHTS = "企业", "矿山", "采矿权"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool = False
    width: int = 16


ENTERPRISE_COLUMNS = [
    Column("名称", "name", True, 32),
    Column("统一社会信用代码", "uscc", True, 22),
    Column("法定代表人", "legal_representative"),
    Column("联系人", "contact_person"),
    Column("电话", "phone"),
    Column("地址", "address", width=36),
    Column("所属乡镇", "township"),
]
MINE_COLUMNS = [
    Column("矿山名称", "name", True, 32),
    Column("采矿权人", "enterprise", True, 32),
    Column("所属乡镇", "township", True),
    Column("矿种", "mineral", True),
    Column("开采方式", "mine_kind", True),
    Column("生产规模", "production_scale"),
    Column("状态", "status"),
    Column("地址", "address", width=36),
    Column("经度", "longitude"),
    Column("纬度", "latitude"),
    Column("备注", "notes", width=30),
]
RIGHT_COLUMNS = [
    Column("许可证号", "licence_no", True, 26),
    Column("采矿权人", "holder", True, 32),
    Column("矿山名称", "mine", True, 32),
    Column("有效期起", "valid_from", True, 14),
    Column("有效期止", "valid_until", True, 14),
    Column("发证面积(km²)", "licensed_area_km2", width=14),
    Column("拐点坐标", "boundary_text", True, 48),
]
SHEETS: dict[str, list[Column]] = {
    SHEET_ENTERPRISES: ENTERPRISE_COLUMNS,
    SHEET_MINES: MINE_COLUMNS,
    SHEET_RIGHTS: RIGHT_COLUMNS,
}

# Fixed Chinese labels of the code lists (the file format); the import also accepts the values and the
# short forms people type.
MINE_KIND_LABELS = {MineKind.OPEN_PIT: "露天开采", MineKind.UNDERGROUND: "地下开采"}
MINE_KIND_ALIASES = {"露天": MineKind.OPEN_PIT, "地下": MineKind.UNDERGROUND, "井工": MineKind.UNDERGROUND}
MINE_STATUS_LABELS = {
    MineStatus.PRODUCING: "生产",
    MineStatus.UNDER_CONSTRUCTION: "在建",
    MineStatus.SUSPENDED: "停产",
    MineStatus.CLOSED: "闭坑",
}
MINE_STATUS_ALIASES = {
    "生产矿山": MineStatus.PRODUCING,
    "正常生产": MineStatus.PRODUCING,
    "在建矿山": MineStatus.UNDER_CONSTRUCTION,
    "停产矿山": MineStatus.SUSPENDED,
    "关闭": MineStatus.CLOSED,
    "闭坑矿山": MineStatus.CLOSED,
}

INSTRUCTIONS = [
    "填写说明",
    "1. 第一行为表头，请勿修改；从第二行起每行一条记录。带 * 的列必填。",
    "2. 三张表按 企业 → 矿山 → 采矿权 的顺序导入，矿山可引用同一文件中前面登记的企业。",
    "3. 采矿权人填写企业名称或统一社会信用代码；所属乡镇填写乡镇人民政府名称。",
    "4. 开采方式：露天开采 / 地下开采；状态：生产 / 在建 / 停产 / 闭坑（空白为生产）。",
    "5. 日期格式 2026-01-31；面积单位平方千米；坐标为 CGCS2000，拐点坐标整段粘贴到一个单元格（可多行），"
    "格式与采矿许可证一致，例如：",
    "   1,5085000.00,44577000.00",
    "   2,5085000.00,44578000.00",
    "   3,5086000.00,44578000.00",
    "   4,5086000.00,44577000.00",
    "   *,300,100,一采区,1,",
    "6. 导入时逐行检查：任一行有错误则全部不导入，并列出每个错误的表、行号、列和原因。",
]


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    total: int = 0
    processed: int = 0
    created: int = 0
    errors: list[RowError] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class RowInvalid(Exception):
    """Raised inside a row's savepoint: rolls the row back and carries its errors."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


# --- the file itself ------------------------------------------------------------------------------------


def looks_like_xlsx(handle: IO[bytes]) -> bool:
    """Check the content, not the name: an .xlsx is a zip holding [Content_Types].xml and a workbook."""
    position = handle.tell()
    try:
        if not zipfile.is_zipfile(handle):
            return False
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
        return "[Content_Types].xml" in names and "xl/workbook.xml" in names
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        handle.seek(position)


def _header_text(value: Any) -> str:
    return re.sub(r"\s+", "", str(value or "")).lstrip("*＊")


def _style_header(ws: Any, columns: list[Column]) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBDD")
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=("*" if column.required else "") + column.header)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"


def _list_validation(ws: Any, columns: list[Column], key: str, values: Iterable[str]) -> None:
    index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    validation.add(f"{get_column_letter(index)}2:{get_column_letter(index)}5000")
    ws.add_data_validation(validation)


def build_template(target: IO[bytes] | Path) -> None:
    """The empty workbook users fill in: the three sheets with their headers, the choice lists as drop-downs,
    and a sheet of instructions."""
    workbook = Workbook()
    first = workbook.active
    workbook.remove(first)
    for name, columns in SHEETS.items():
        ws = workbook.create_sheet(name)
        _style_header(ws, columns)
    _list_validation(workbook[SHEET_MINES], MINE_COLUMNS, "mine_kind", MINE_KIND_LABELS.values())
    _list_validation(workbook[SHEET_MINES], MINE_COLUMNS, "status", MINE_STATUS_LABELS.values())
    rights = workbook[SHEET_RIGHTS]
    boundary_column = get_column_letter(len(RIGHT_COLUMNS))
    rights.column_dimensions[boundary_column].width = 48
    notes = workbook.create_sheet("填写说明")
    for row, line in enumerate(INSTRUCTIONS, start=1):
        notes.cell(row=row, column=1, value=line)
    notes.column_dimensions["A"].width = 110
    notes["A1"].font = Font(bold=True)
    minerals = workbook.create_sheet("矿种代码")
    minerals.append(["矿种", "代码", "生产规模单位"])
    for mineral in Mineral.objects.order_by("code"):
        minerals.append([mineral.name, mineral.code, mineral.scale_unit])
    workbook.save(target)


@dataclass(frozen=True)
class SheetRows:
    name: str
    rows: list[tuple[int, dict[str, Any]]]  # (Excel row number, {column key: value})


def read_workbook(path: Path | IO[bytes]) -> tuple[list[SheetRows], list[RowError]]:
    """Every non-blank data row of the known sheets, keyed by column; file-level problems as errors
    (row 0 = the file, row 1 = the header)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file; all mean "unreadable"
        return [], [RowError("", 0, "", _("The file is not a readable Excel workbook (.xlsx)."))]
    sheets: list[SheetRows] = []
    errors: list[RowError] = []
    total = 0
    try:
        for name, columns in SHEETS.items():
            if name not in workbook.sheetnames:
                continue
            rows_iter = workbook[name].iter_rows(values_only=True)
            header = next(rows_iter, None) or ()
            positions = {_header_text(value): i for i, value in enumerate(header)}
            missing = [c.header for c in columns if c.required and c.header not in positions]
            if missing:
                errors.extend(RowError(name, 1, h, _("This required column is missing.")) for h in missing)
                continue
            rows: list[tuple[int, dict[str, Any]]] = []
            for number, values in enumerate(rows_iter, start=2):
                record = {
                    c.key: values[positions[c.header]]
                    if c.header in positions and positions[c.header] < len(values)
                    else None
                    for c in columns
                }
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in record.values()):
                    continue
                rows.append((number, record))
                total += 1
                if total > MAX_ROWS:
                    message = _("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS}
                    return [], [RowError(name, number, "", message)]
            sheets.append(SheetRows(name, rows))
    finally:
        workbook.close()
    if not sheets and not errors:
        errors.append(RowError("", 0, "", _("The workbook has none of the sheets 企业, 矿山, 采矿权.")))
    return sheets, errors


# --- cell values -----------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number or code typed into a number cell
    return str(value).strip()


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text
    )
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise ValueError(_("Enter a date such as 2026-01-31."))


def _number(value: Any) -> Decimal | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number."))
    return number


def _choice(value: Any, labels: dict[str, str], aliases: dict[str, str], default: str | None) -> str:
    text = _text(value)
    if not text and default is not None:
        return default
    lookup = {label: key for key, label in labels.items()} | aliases | {str(k): str(k) for k in labels}
    if text in lookup:
        return str(lookup[text])
    raise ValueError(_("Use one of: %(values)s.") % {"values": " / ".join(labels.values())})


# --- lookups (what the importing user may see) ---------------------------------------------------------


class Lookups:
    """Names in the file → records the actor may see; re-queried per row, so rows created earlier in the
    same import are found."""

    def __init__(self, actor: User) -> None:
        self.actor = actor
        self.minerals = {m.name: m for m in Mineral.objects.all()} | {
            m.code: m for m in Mineral.objects.all()
        }
        self._townships: dict[str, Organisation | None] = {}

    def township(self, value: Any) -> Organisation:
        name = _text(value)
        if name not in self._townships:
            self._townships[name] = (
                Organisation.objects.restrict(self.actor, VIEW)
                .filter(kind=OrganisationKind.TOWNSHIP)
                .filter(Q(name=name) | Q(short_name=name))
                .first()
            )
        township = self._townships[name]
        if township is None:
            raise ValueError(_("No township government of this name is registered."))
        return township

    def enterprise(self, value: Any) -> Organisation:
        text = _text(value)
        found = list(
            Organisation.objects.restrict(self.actor, VIEW)
            .filter(kind=OrganisationKind.ENTERPRISE)
            .filter(Q(name=text) | Q(uscc=text.upper()))[:2]
        )
        if len(found) != 1:
            raise ValueError(_("No mining enterprise with this name or credit code is registered."))
        return found[0]

    def mineral(self, value: Any) -> Mineral:
        mineral = self.minerals.get(_text(value))
        if mineral is None:
            raise ValueError(_("Not a mineral of the code list (see the sheet 矿种代码)."))
        return mineral

    def mine(self, value: Any, holder: Organisation | None) -> Mine:
        mines = Mine.objects.restrict(self.actor, VIEW).filter(name=_text(value))
        if holder is not None:
            mines = mines.filter(enterprise=holder)
        found = list(mines[:2])
        if not found:
            raise ValueError(_("No mine of this name is registered for this holder."))
        if len(found) > 1:
            raise ValueError(_("Several mines have this name; rename one first."))
        return found[0]

    def home_division(self) -> Any:
        """The actor's bureau division: where enterprises without a township are registered."""
        for membership in memberships_of(self.actor):
            if membership.organisation.kind == OrganisationKind.BUREAU:
                return membership.organisation.division
        return None


def _convert(
    record: dict[str, Any], columns: list[Column], converters: dict[str, Callable[[Any], Any]]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Apply each column's converter; collect 'required' and conversion errors per column."""
    data: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for column in columns:
        raw = record.get(column.key)
        if column.required and not _text(raw):
            errors.append((column.header, _("This field is required.")))
            continue
        try:
            data[column.key] = converters.get(column.key, _text)(raw)
        except ValueError as exc:
            errors.append((column.header, str(exc)))
    return data, errors


def _service_errors(
    exc: ValidationError, columns: list[Column], field_map: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """A service's ValidationError as (column header, message) pairs; a field without a column goes on the
    row as a whole."""
    headers = {c.key: c.header for c in columns} | (field_map or {})
    if hasattr(exc, "error_dict"):
        return [
            (headers.get(field, ""), message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in exc.messages]


# --- one row of each sheet ---------------------------------------------------------------------------------


def _import_enterprise(lookups: Lookups, record: dict[str, Any]) -> None:
    def township(value: Any) -> Any:
        return lookups.township(value) if _text(value) else None

    data, errors = _convert(record, ENTERPRISE_COLUMNS, {"township": township})
    if errors:
        raise RowInvalid(errors)
    town = data.pop("township")
    division = town.division if town is not None else lookups.home_division()
    try:
        core_services.create_organisation(
            actor=lookups.actor, kind=OrganisationKind.ENTERPRISE, division=division, **data
        )
    except PermissionDenied:
        raise RowInvalid(
            [("", _("You may not register enterprises here (bureau administrators only)."))]
        ) from None
    except ValidationError as exc:
        raise RowInvalid(_service_errors(exc, ENTERPRISE_COLUMNS, {"division": "所属乡镇"})) from None


def _import_mine(lookups: Lookups, record: dict[str, Any]) -> None:
    converters: dict[str, Callable[[Any], Any]] = {
        "enterprise": lookups.enterprise,
        "township": lookups.township,
        "mineral": lookups.mineral,
        "mine_kind": lambda v: _choice(v, MINE_KIND_LABELS, MINE_KIND_ALIASES, None),
        "status": lambda v: _choice(v, MINE_STATUS_LABELS, MINE_STATUS_ALIASES, MineStatus.PRODUCING),
        "production_scale": _number,
        "longitude": _number,
        "latitude": _number,
    }
    data, errors = _convert(record, MINE_COLUMNS, converters)
    if errors:
        raise RowInvalid(errors)
    for field in ("longitude", "latitude"):
        data[field] = float(data[field]) if data[field] is not None else None
    # A file imported twice must not register every mine again: same enterprise + same name is refused.
    if Mine.objects.filter(enterprise=data["enterprise"], name=data["name"]).exists():
        raise RowInvalid([("矿山名称", _("This enterprise already has a mine of this name."))])
    try:
        services.create_mine(actor=lookups.actor, **data)
    except PermissionDenied:
        raise RowInvalid([("", _("You may not register mines in this township."))]) from None
    except ValidationError as exc:
        raise RowInvalid(_service_errors(exc, MINE_COLUMNS)) from None


def _import_right(lookups: Lookups, record: dict[str, Any]) -> None:
    converters: dict[str, Callable[[Any], Any]] = {
        "holder": lookups.enterprise,
        "mine": lambda v: v,  # looked up below, once the holder is known
        "valid_from": _date,
        "valid_until": _date,
        "licensed_area_km2": _number,
        "boundary_text": lambda v: str(v or "").replace("\r\n", "\n").replace("_x000D_", ""),
    }
    data, errors = _convert(record, RIGHT_COLUMNS, converters)
    if not errors:
        try:
            data["mine"] = lookups.mine(data["mine"], data.get("holder"))
        except ValueError as exc:
            errors.append(("矿山名称", str(exc)))
    if errors:
        raise RowInvalid(errors)
    try:
        services.create_mining_right(actor=lookups.actor, **data)
    except PermissionDenied:
        raise RowInvalid([("", _("You may not register rights of this mine."))]) from None
    except ValidationError as exc:
        raise RowInvalid(_service_errors(exc, RIGHT_COLUMNS)) from None


ROW_IMPORTERS: dict[str, Callable[[Lookups, dict[str, Any]], None]] = {
    SHEET_ENTERPRISES: _import_enterprise,
    SHEET_MINES: _import_mine,
    SHEET_RIGHTS: _import_right,
}


class _RollBack(Exception):
    pass


def import_workbook(
    path: Path | IO[bytes], *, actor: User, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Import every row or none. Rules: each row goes through the service that creates its record (so the
    services' checks and permissions apply, and each creation is audited); each row runs in a savepoint so
    one bad row does not hide the next; any error rolls the whole import back."""
    sheets, file_errors = read_workbook(path)
    result = ImportResult(total=sum(len(s.rows) for s in sheets), errors=list(file_errors))
    if file_errors:
        return result
    lookups = Lookups(actor)
    errors: list[RowError] = []
    last_report = 0.0
    try:
        with transaction.atomic():
            for sheet in sheets:
                importer = ROW_IMPORTERS[sheet.name]
                for number, record in sheet.rows:
                    try:
                        with transaction.atomic():
                            importer(lookups, record)
                        result.created += 1
                    except RowInvalid as exc:
                        errors.extend(RowError(sheet.name, number, col, msg) for col, msg in exc.errors)
                    except (IntegrityError, DatabaseError):
                        message = _("This row conflicts with a record already registered.")
                        errors.append(RowError(sheet.name, number, "", message))
                    result.processed += 1
                    now = time.monotonic()
                    if progress is not None and (
                        now - last_report > 0.25 or result.processed == result.total
                    ):
                        progress(result.processed, result.total)
                        last_report = now
            if errors:
                raise _RollBack
    except _RollBack:
        result.created = 0
    result.errors = errors
    return result
