"""Printable admission-check reports: DOCX (python-docx) and PDF (WeasyPrint), with a map image.

The map is drawn in the Gauss–Krüger plane of the application's 3° zone (metres, north up): the
application in blue, the features it overlaps or lies near in red / orange. SVG for the PDF (WeasyPrint
renders it), PNG (Pillow) for the DOCX. No network: fonts are the system's Noto CJK.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import shapely
from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from greenmine.admission.engine import KIND_LABELS, VERDICT_LABELS, _to_gk
from greenmine.admission.models import AdmissionCheck, LayerFeature
from greenmine.spatial import footprint_from_geojson
from greenmine.spatial.crs import zone_of_longitude

FONT = "Noto Sans CJK SC"
TITLE = "矿业权准入审查报告"
RIGHT_KINDS = {"mining": "采矿权", "exploration": "探矿权"}
APP_TYPES = {"new": "新立", "extension": "延续", "change": "变更"}
MAP_SIZE = 480


def _map_shapes(check: AdmissionCheck) -> tuple[list[tuple[BaseGeometry, str]], int]:
    """(geometry in GK metres, role) for the application and the features it overlaps or lies near."""
    app = footprint_from_geojson(check.geojson)
    zone = zone_of_longitude(float(app.centroid.x)).number
    names = {c["feature"] for c in check.result.get("conflicts", [])}
    near = {n["feature"] for n in check.result.get("nearby", [])}
    features = LayerFeature.objects.filter(version__in=check.layer_versions.all(), name__in=names | near)
    geoms: list[tuple[BaseGeometry, str]] = []
    for f in features[:50]:
        role = "conflict" if f.name in names else "near"
        geoms.append((shape(f.geometry), role))
    projected = _to_gk(np.array([app] + [g for g, _ in geoms], dtype=object), zone)
    shapes = [(projected[0], "application")] + [
        (p, r) for p, (_, r) in zip(projected[1:], geoms, strict=True)
    ]
    return shapes, zone


def _frame(shapes: list[tuple[BaseGeometry, str]]) -> tuple[float, float, float]:
    """(min x, max y, scale) fitting the application with a margin (features are clipped to the frame)."""
    minx, miny, maxx, maxy = shapes[0][0].bounds
    span = max(maxx - minx, maxy - miny, 1.0) * 3.0
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - span / 2, cy + span / 2, MAP_SIZE / span


COLOURS = {
    "application": ("#1d4ed8", "#93c5fd"),
    "conflict": ("#b91c1c", "#fca5a5"),
    "near": ("#c2410c", "#fed7aa"),
}


def _rings(geom: BaseGeometry) -> list[np.ndarray]:
    rings = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon":
            continue
        rings.append(np.asarray(poly.exterior.coords))
        rings.extend(np.asarray(i.coords) for i in poly.interiors)
    return rings


def map_svg(check: AdmissionCheck) -> str:
    shapes, zone = _map_shapes(check)
    x0, y0, k = _frame(shapes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{MAP_SIZE}" height="{MAP_SIZE}" '
        f'viewBox="0 0 {MAP_SIZE} {MAP_SIZE}"><rect width="100%" height="100%" fill="#fff" stroke="#999"/>'
    ]
    for role in ("near", "conflict", "application"):
        for geom, r in shapes:
            if r != role:
                continue
            stroke, fill = COLOURS[role]
            for ring in _rings(geom):
                pts = " ".join(f"{(x - x0) * k:.1f},{(y0 - y) * k:.1f}" for x, y in ring[:, :2])
                parts.append(
                    f'<polygon points="{pts}" fill="{fill}" fill-opacity="0.5" stroke="{stroke}" '
                    f'stroke-width="1.5"/>'
                )
    bar = 10 ** int(np.floor(np.log10(MAP_SIZE / k / 4)))
    parts.append(
        f'<line x1="10" y1="{MAP_SIZE - 12}" x2="{10 + bar * k:.1f}" y2="{MAP_SIZE - 12}" stroke="#000" '
        f'stroke-width="2"/><text x="12" y="{MAP_SIZE - 18}" font-size="11">{bar:g} m（{zone}带）</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def map_png(check: AdmissionCheck) -> bytes:
    shapes, _zone = _map_shapes(check)
    x0, y0, k = _frame(shapes)
    image = Image.new("RGB", (MAP_SIZE, MAP_SIZE), "white")
    draw = ImageDraw.Draw(image, "RGBA")
    for role in ("near", "conflict", "application"):
        for geom, r in shapes:
            if r != role:
                continue
            stroke, fill = COLOURS[role]
            for ring in _rings(geom):
                pts = [((x - x0) * k, (y0 - y) * k) for x, y in ring[:, :2]]
                if len(pts) >= 3:
                    draw.polygon(pts, fill=fill + "80", outline=stroke)
    draw.rectangle([0, 0, MAP_SIZE - 1, MAP_SIZE - 1], outline="#999999")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _context(check: AdmissionCheck) -> dict[str, Any]:
    result = check.result
    return {
        "check": check,
        "title": TITLE,
        "verdict": VERDICT_LABELS.get(check.verdict, check.verdict),
        "right_kind": RIGHT_KINDS.get(check.right_kind, check.right_kind),
        "app_type": APP_TYPES.get(check.application_type, check.application_type),
        "conflicts": [
            {**c, "kind": KIND_LABELS.get(c["layer_kind"], c["layer_kind"]), "percent": f"{c['share']:.1%}"}
            for c in result.get("conflicts", [])
        ],
        "nearby": [
            {**n, "kind": KIND_LABELS.get(n["layer_kind"], n["layer_kind"])} for n in result.get("nearby", [])
        ],
        "rights": result.get("rights_overlapped", []),
        "reasons": result.get("reasons", []),
        "versions": [
            (KIND_LABELS.get(v.layer.kind, v.layer.kind), v.layer.name, v.number, v.created_at)
            for v in check.layer_versions.select_related("layer").order_by("layer__kind")
        ],
        "printed": timezone.localtime(),
    }


def pdf_report(check: AdmissionCheck) -> bytes:
    from weasyprint import HTML

    html = render_to_string("admission/report.html", {**_context(check), "map_svg": map_svg(check)})
    return bytes(HTML(string=html).write_pdf())


def _font(run: Any, size: float | None = None, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), 10, bold=True)
    for row in rows or [["无"] + [""] * (len(header) - 1)]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), 10)


def docx_report(check: AdmissionCheck) -> bytes:
    ctx = _context(check)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(TITLE), 18, bold=True)

    def line(label: str, value: str, bold: bool = False) -> None:
        p = doc.add_paragraph()
        _font(p.add_run(f"{label}："), 11, bold=True)
        _font(p.add_run(value), 11, bold=bold)

    line("审查编号", f"#{check.pk}")
    line("申请人", check.applicant or "—")
    line("矿业权类型", ctx["right_kind"])
    line("申请类型", ctx["app_type"] + (f"（{check.licence_no}）" if check.licence_no else ""))
    line("申请范围面积", f"{check.area_km2:.4f} 平方公里")
    line("审查结论", ctx["verdict"], bold=True)
    _font(doc.add_paragraph().add_run("审查理由"), 13, bold=True)
    for reason in ctx["reasons"] or ["未发现与禁止或限制区域的冲突。"]:
        _font(doc.add_paragraph().add_run(reason), 11)
    _font(doc.add_paragraph().add_run("重叠情况"), 13, bold=True)
    _table(
        doc,
        ["图层类型", "要素", "重叠面积（平方公里）", "占申请范围"],
        [[c["kind"], c["feature"], f"{c['overlap_km2']:.4f}", c["percent"]] for c in ctx["conflicts"]],
    )
    _font(doc.add_paragraph().add_run("邻近要素"), 13, bold=True)
    _table(
        doc,
        ["图层类型", "要素", "距离（米）"],
        [[n["kind"], n["feature"], f"{n['distance_m']:.0f}"] for n in ctx["nearby"]],
    )
    _font(doc.add_paragraph().add_run("重叠的已设矿业权"), 13, bold=True)
    _table(
        doc,
        ["许可证号", "重叠面积（平方公里）"],
        [[r["licence_no"], f"{r['overlap_km2']:.4f}"] for r in ctx["rights"]],
    )
    _font(doc.add_paragraph().add_run("使用的图层版本"), 13, bold=True)
    _table(doc, ["图层类型", "图层", "版本"], [[k, n, f"v{v}"] for k, n, v, _ in ctx["versions"]])
    _font(doc.add_paragraph().add_run("位置示意图（高斯-克吕格平面）"), 13, bold=True)
    doc.add_picture(io.BytesIO(map_png(check)), width=Cm(12))
    _font(doc.add_paragraph().add_run(f"打印时间：{ctx['printed']:%Y-%m-%d %H:%M}"), 9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
