"""The Excel template of a standard, and reading a filled-in template back into a document.

Three sheets: `standard` (one header field per row: field | value), `indicators` (one indicator per row,
a parent before its children) and `conditions` (prerequisites and vetoes). Reading is all or nothing:
every problem is reported as "<sheet> row <n> column <c>: …" (or with the indicator id for rules
checked on the whole document), and no document is returned while any remains.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from greenmine.standards.validation import DOCUMENT_NODE, validate_document

HEADER_FIELDS = [
    "code",
    "title",
    "title_en",
    "issuer",
    "kind",
    "version",
    "effective_date",
    "description",
    "source_citation",
    "source_url",
    "source_notes",
    "provenance",
    "total_points",
    "pass_line",
    "first_level_floor",
    "node_floors",
    "minerals",
    "mine_kinds",
]
INDICATOR_COLUMNS = [
    "id",
    "parent",
    "name",
    "name_en",
    "points",
    "mandatory",
    "method",
    "levels",
    "per_defect",
    "lower",
    "upper",
    "direction",
    "unit",
    "target",
    "guidance",
    "evidence",
    "note",
]
CONDITION_COLUMNS = ["type", "id", "name", "name_en", "guidance", "evidence", "note"]
HELP = [
    ("code", "letters, digits, . _ - (max 64), e.g. HL-SS-2024"),
    (
        "kind",
        "national_indicators | industry_specification | green_exploration | demonstration_zone | city | "
        "enterprise_leading",
    ),
    ("provenance", "official | template"),
    ("node_floors", "A2=0.8; Z4=0.8"),
    ("minerals / mine_kinds / evidence", "separated by ;"),
    ("method", "full_or_zero (default) | graded | deduction | proportional | zero_out"),
    ("levels (graded)", "key:label:points; … e.g. good:好:10; fair:中:6; poor:差:0"),
    ("per_defect, unit (deduction)", "points per defect, e.g. 2 and 处"),
    ("lower, upper, direction, unit (proportional)", "thresholds; direction higher_better | lower_better"),
    ("target (zero_out)", "the indicator id whose subtotal becomes 0; points 0"),
    ("mandatory", "yes / no (是 / 否)"),
    ("conditions.type", "prerequisite | veto"),
]
_TRUE = {"yes", "y", "true", "1", "是", "√"}
_FALSE = {"no", "n", "false", "0", "否", ""}
_SPLIT = re.compile(r"[;；\n]")


def build_template() -> bytes:
    """The empty template (.xlsx) with a help sheet."""
    wb = Workbook()
    bold = Font(bold=True)
    header = wb.active
    header.title = "standard"
    header.append(["field", "value"])
    for name in HEADER_FIELDS:
        header.append([name, ""])
    for title, columns in (("indicators", INDICATOR_COLUMNS), ("conditions", CONDITION_COLUMNS)):
        sheet = wb.create_sheet(title)
        sheet.append(columns)
    help_sheet = wb.create_sheet("help")
    help_sheet.append(["column", "meaning"])
    for row in HELP:
        help_sheet.append(list(row))
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = bold
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class _Reader:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.errors.append(
            _("%(sheet)s row %(row)d column %(column)s: %(message)s")
            % {"sheet": sheet, "row": row, "column": column, "message": message}
        )

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def number(self, sheet: str, row: int, column: str, value: Any) -> int | float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            self.error(sheet, row, column, _("must be a number"))
            return None
        if isinstance(value, (int, float)):
            return value
        try:
            parsed = float(str(value).strip())
        except ValueError:
            self.error(sheet, row, column, _("must be a number"))
            return None
        return int(parsed) if parsed.is_integer() else parsed

    def flag(self, sheet: str, row: int, column: str, value: Any) -> bool:
        text = self.text(value).lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.error(sheet, row, column, _("must be yes or no"))
        return False

    def items(self, value: Any) -> list[str]:
        return [part.strip() for part in _SPLIT.split(self.text(value)) if part.strip()]


def _rows(sheet: Any, columns: list[str], reader: _Reader) -> list[tuple[int, dict[str, Any]]]:
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [reader.text(c) for c in rows[0]]
    unknown = [h for h in header if h and h not in columns]
    for name in unknown:
        reader.error(sheet.title, 1, name, _("unknown column"))
    out = []
    for number, values in enumerate(rows[1:], start=2):
        record = {h: v for h, v in zip(header, values, strict=False) if h in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in record.values()):
            continue  # blank rows are allowed between groups
        out.append((number, record))
    return out


def _header(sheet: Any, reader: _Reader) -> tuple[dict[str, Any], dict[str, int]]:
    values: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not row or row[0] is None:
            continue
        name = reader.text(row[0])
        if name not in HEADER_FIELDS:
            reader.error(sheet.title, number, "field", _("unknown field %(name)s") % {"name": name})
            continue
        values[name] = row[1] if len(row) > 1 else None
        rows[name] = number
    return values, rows


def _document_header(h: dict[str, Any], rows: dict[str, int], reader: _Reader) -> dict[str, Any]:
    def num(name: str) -> int | float | None:
        return reader.number("standard", rows.get(name, 0), name, h.get(name))

    effective = h.get("effective_date")
    if isinstance(effective, dt.datetime):
        effective = effective.date()
    floors: dict[str, Any] = {}
    for part in reader.items(h.get("node_floors")):
        node, _sep, ratio = part.partition("=")
        value = reader.number("standard", rows.get("node_floors", 0), "node_floors", ratio) if _sep else None
        if not _sep or value is None:
            reader.error(
                "standard", rows.get("node_floors", 0), "node_floors", _("write NODE=share, e.g. A2=0.8")
            )
        else:
            floors[node.strip()] = value
    pass_rules: dict[str, Any] = {"pass_line": num("pass_line")}
    if reader.text(h.get("first_level_floor")):
        pass_rules["first_level_floor"] = num("first_level_floor")
    if floors:
        pass_rules["node_floors"] = floors
    source = {"citation": reader.text(h.get("source_citation"))}
    for key in ("url", "notes"):
        if reader.text(h.get(f"source_{key}")):
            source[key] = reader.text(h.get(f"source_{key}"))
    return {
        "code": reader.text(h.get("code")),
        "title": reader.text(h.get("title")),
        "title_en": reader.text(h.get("title_en")),
        "issuer": reader.text(h.get("issuer")),
        "kind": reader.text(h.get("kind")),
        "version": reader.text(h.get("version")),
        "effective_date": effective.isoformat()
        if isinstance(effective, dt.date)
        else (reader.text(effective) or None),
        "description": reader.text(h.get("description")),
        "source": source,
        "provenance": reader.text(h.get("provenance")) or "template",
        "status": "draft",
        "applies_to": {
            "minerals": reader.items(h.get("minerals")),
            "mine_kinds": reader.items(h.get("mine_kinds")),
        },
        "total_points": num("total_points"),
        "pass_rules": pass_rules,
    }


def _method(number: int, r: dict[str, Any], reader: _Reader) -> dict[str, Any] | None:
    kind = reader.text(r.get("method"))
    if not kind:
        return None
    method: dict[str, Any] = {"type": kind}
    if kind == "graded":
        levels = []
        for part in reader.items(r.get("levels")):
            bits = [b.strip() for b in re.split(r"[:：]", part)]
            points = reader.number("indicators", number, "levels", bits[-1]) if len(bits) == 3 else None
            if points is None:
                reader.error("indicators", number, "levels", _("write key:label:points; …"))
                continue
            levels.append({"key": bits[0], "label": bits[1], "points": points})
        method["levels"] = levels
    elif kind == "deduction":
        method["per_defect"] = reader.number("indicators", number, "per_defect", r.get("per_defect"))
        if reader.text(r.get("unit")):
            method["unit"] = reader.text(r.get("unit"))
    elif kind == "proportional":
        for key in ("lower", "upper"):
            method[key] = reader.number("indicators", number, key, r.get(key))
        for key in ("direction", "unit"):
            if reader.text(r.get(key)):
                method[key] = reader.text(r.get(key))
    elif kind == "zero_out":
        method["target"] = reader.text(r.get("target"))
    return method


def read_workbook(file: IO[bytes]) -> dict[str, Any]:
    """A document from a filled-in template; ValidationError listing every bad row and column."""
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError({"excel_file": [_("This is not an Excel .xlsx file.")]}) from None
    reader = _Reader()
    missing = [name for name in ("standard", "indicators") if name not in wb.sheetnames]
    if missing:
        raise ValidationError(
            {
                "excel_file": [
                    _("The sheet %(name)s is missing; start from the template.") % {"name": name}
                    for name in missing
                ]
            }
        )
    header, header_rows = _header(wb["standard"], reader)
    document = _document_header(header, header_rows, reader)
    where: dict[str, str] = {}
    indicators = []
    for number, r in _rows(wb["indicators"], INDICATOR_COLUMNS, reader):
        node = reader.text(r.get("id"))
        if not node:
            reader.error("indicators", number, "id", _("is required"))
            continue
        where.setdefault(node, f"indicators row {number}")
        item: dict[str, Any] = {
            "id": node,
            "name": reader.text(r.get("name")),
            "points": reader.number("indicators", number, "points", r.get("points")),
            "mandatory": reader.flag("indicators", number, "mandatory", r.get("mandatory")),
        }
        for key in ("parent", "name_en", "guidance", "note"):
            if reader.text(r.get(key)):
                item[key] = reader.text(r.get(key))
        if reader.items(r.get("evidence")):
            item["evidence"] = reader.items(r.get("evidence"))
        method = _method(number, r, reader)
        if method is not None:
            item["method"] = method
        indicators.append(item)
    document["indicators"] = indicators
    document["prerequisites"], document["vetoes"] = [], []
    if "conditions" in wb.sheetnames:
        for number, r in _rows(wb["conditions"], CONDITION_COLUMNS, reader):
            kind = reader.text(r.get("type"))
            if kind not in {"prerequisite", "veto"}:
                reader.error("conditions", number, "type", _("must be prerequisite or veto"))
                continue
            node = reader.text(r.get("id"))
            where.setdefault(node, f"conditions row {number}")
            cond: dict[str, Any] = {"id": node, "name": reader.text(r.get("name"))}
            for key in ("name_en", "guidance", "note"):
                if reader.text(r.get(key)):
                    cond[key] = reader.text(r.get(key))
            if reader.items(r.get("evidence")):
                cond["evidence"] = reader.items(r.get("evidence"))
            document["prerequisites" if kind == "prerequisite" else "vetoes"].append(cond)
    wb.close()
    if not reader.errors:
        # Rules on the whole document, each placed on the row of the node it names.
        report = validate_document(document)
        for issue in report.errors:
            place = where.get(issue.node) or ("standard sheet" if issue.node == DOCUMENT_NODE else issue.node)
            reader.errors.append(
                f"{place} ({issue.node}) {issue.field}: {issue.message}"
                if issue.node in where
                else f"{place} {issue.field}: {issue.message}"
            )
    if reader.errors:
        raise ValidationError({"excel_file": reader.errors})
    return document
