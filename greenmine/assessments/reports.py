"""The self-assessment report (绿色矿山建设自评报告) as DOCX and PDF, in a formal Chinese layout: cover,
一、基本情况, 二、评分汇总, 三、指标评分明细, 四、先决条件与一票否决, 五、结论, 六、证明材料清单.

`report_data(assessment)` gathers plain data (a submitted assessment: from its frozen snapshot); the
builders take that data and return bytes, so they can be timed and tested without a database.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from greenmine.assessments.selectors import live_result, responses_of, standard_of
from greenmine.standards.responses import parse_responses
from greenmine.standards.scoring import score

CJK_FONT = "Noto Serif CJK SC"
CJK_SANS = "Noto Sans CJK SC"
KIND_LABELS = {"open_pit": "露天开采", "underground": "地下开采"}


@dataclass(frozen=True)
class ItemRow:
    id: str
    name: str
    depth: int
    max: Decimal
    score: Decimal
    is_leaf: bool
    mandatory: bool = False
    explanation: str = ""
    remark: str = ""
    evidence: tuple[str, ...] = ()
    zeroed_by: str | None = None


@dataclass(frozen=True)
class ConditionRow:
    id: str
    name: str
    kind: str  # 先决条件 / 一票否决
    answer: str
    ok: bool | None


@dataclass(frozen=True)
class EvidenceRow:
    name: str
    sha256: str
    size: int
    content_type: str


@dataclass
class ReportData:
    """Everything a report shows, as plain values."""

    mine_name: str
    enterprise: str
    standard_code: str
    standard_title: str
    standard_version: str
    content_hash: str
    report_date: date
    version_no: int = 1
    draft: bool = False
    uscc: str = ""
    legal_representative: str = ""
    township: str = ""
    mineral: str = ""
    mine_kind: str = ""
    scale: str = ""
    address: str = ""
    licences: list[tuple[str, str, str, str]] = field(default_factory=list)  # no, from, until, area
    total: Decimal = Decimal(0)
    max: Decimal = Decimal(0)
    pass_line: Decimal | None = None
    passed: bool = False
    reasons: list[str] = field(default_factory=list)
    categories: list[ItemRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    conditions: list[ConditionRow] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.mine_name}绿色矿山建设自评报告"


def _fmt(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def report_data(assessment: Any) -> ReportData:
    """The report's data. A submitted assessment is read from its frozen snapshot (scored again from the
    frozen responses against the pinned version, which gives the same result); a draft from its items."""
    version = assessment.standard_version
    standard = standard_of(version)
    snapshot = assessment.snapshot if assessment.frozen and assessment.snapshot else None
    if snapshot is not None:
        responses = snapshot["responses"]
        result = score(standard, parse_responses(responses, standard))
        item_info = {i["id"]: (i["remark"], tuple(i["evidence"])) for i in snapshot["items"]}
        evidence = [
            EvidenceRow(e["name"], e["sha256"], e["size"], e["content_type"]) for e in snapshot["evidence"]
        ]
        when = timezone.localtime(assessment.submitted_at).date()
    else:
        items = list(assessment.items.prefetch_related("evidence"))
        responses = responses_of(items)
        result = live_result(assessment, items)
        item_info = {i.indicator_id: (i.remark, tuple(f.sha256 for f in i.evidence.all())) for i in items}
        seen: dict[str, EvidenceRow] = {}
        for item in items:
            for f in item.evidence.all():
                seen[f.sha256] = EvidenceRow(f.original_name, f.sha256, f.size, f.content_type)
        evidence = sorted(seen.values(), key=lambda e: e.name)
        when = timezone.localdate()
    depth: dict[str, int] = {}
    rows = []
    for node in result.nodes:
        ind = standard.indicator(node.id)
        depth[node.id] = depth[ind.parent] + 1 if ind.parent else 0
        remark, hashes = item_info.get(node.id, ("", ()))
        rows.append(
            ItemRow(
                node.id,
                node.name,
                depth[node.id],
                node.max,
                node.score,
                ind.method is not None,
                ind.mandatory,
                "；".join(node.lines),
                remark,
                hashes,
                node.zeroed_by,
            )
        )
    conditions = []
    for p in standard.prerequisites:
        holds = responses["prerequisites"].get(p.id)
        conditions.append(
            ConditionRow(
                p.id, p.name, "先决条件", {True: "满足", False: "不满足"}.get(holds, "未作答"), holds
            )
        )
    for v in standard.vetoes:
        occurred = responses["vetoes"].get(v.id)
        conditions.append(
            ConditionRow(
                v.id,
                v.name,
                "一票否决",
                {True: "发生", False: "未发生"}.get(occurred, "未作答"),
                None if occurred is None else not occurred,
            )
        )
    mine = assessment.mine
    rights = list(mine.rights.all().order_by("licence_no"))
    org = mine.enterprise
    return ReportData(
        mine_name=mine.name,
        enterprise=org.name,
        uscc=org.uscc,
        legal_representative=org.legal_representative,
        township=mine.township.name,
        mineral=mine.mineral.name,
        mine_kind=KIND_LABELS.get(mine.mine_kind, ""),
        scale=f"{_fmt(mine.production_scale)} {mine.mineral.scale_unit}" if mine.production_scale else "—",
        address=mine.address,
        licences=[
            (
                r.licence_no,
                str(r.valid_from),
                str(r.valid_until),
                _fmt(r.area_km2) if r.area_km2 is not None else "—",
            )
            for r in rights
        ],
        standard_code=version.standard.code,
        standard_title=version.standard.title,
        standard_version=version.version,
        content_hash=version.content_hash,
        report_date=when,
        version_no=assessment.version_no,
        draft=snapshot is None,
        total=result.total,
        max=result.max,
        pass_line=standard.pass_rules.pass_line,
        passed=result.passed,
        reasons=[r.text for r in result.reasons],
        categories=[r for r in rows if r.depth == 0],
        items=rows,
        conditions=conditions,
        evidence=evidence,
        missing=list(result.missing),
    )


def conclusion(data: ReportData) -> str:
    head = (
        f"依据《{data.standard_title}》（{data.standard_code}，{data.standard_version} 版）自评，"
        f"总得分 {_fmt(data.total)} 分（满分 {_fmt(data.max)} 分"
        + (f"，达标线 {_fmt(data.pass_line)} 分" if data.pass_line is not None else "")
        + "）。"
    )
    if data.passed:
        return head + "先决条件均满足，未发生一票否决事项，自评结论：达到绿色矿山建设要求。"
    return head + "自评结论：尚未达到绿色矿山建设要求。主要原因：" + "；".join(data.reasons) + "。"


def build_pdf(data: ReportData) -> bytes:
    """The PDF, laid out by WeasyPrint from templates/assessments/report.html (lang zh-CN, Noto CJK SC)."""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs time pages do not need

    html = render_to_string(
        "assessments/report.html", {"d": data, "conclusion": conclusion(data), "fmt": _fmt}
    )
    return HTML(string=html).write_pdf()


def _set_cjk(
    run_or_style: Any, name: str = CJK_FONT, size: float | None = None, bold: bool | None = None
) -> None:
    """python-docx's font.name sets only the Latin font; Chinese text needs w:eastAsia on w:rFonts too."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def build_docx(data: ReportData) -> bytes:
    """The Word document: the same sections as the PDF, every run in a CJK font (w:eastAsia set)."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = Document()
    for style_name in ("Normal", "Heading 1", "Heading 2", "Title", "Table Grid"):
        try:
            _set_cjk(doc.styles[style_name], CJK_FONT if style_name == "Normal" else CJK_SANS)
        except KeyError:
            continue
    _set_cjk(doc.styles["Normal"], CJK_FONT, 10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)

    def para(
        text: str, size: float = 10.5, bold: bool = False, align: Any = None, font: str = CJK_FONT
    ) -> Any:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        _set_cjk(p.add_run(text), font, size, bold)
        return p

    def heading(text: str) -> None:
        para(text, 14, True, font=CJK_SANS)

    def table(header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            _set_cjk(cell.paragraphs[0].add_run(text), CJK_SANS, 9, True)
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = ""
                _set_cjk(cell.paragraphs[0].add_run(text), CJK_FONT, 9)
        if widths:
            for row in t.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Cm(width)

    # Cover
    for _ in range(6):
        para("")
    para(data.mine_name, 22, True, WD_ALIGN_PARAGRAPH.CENTER, CJK_SANS)
    para(
        "绿色矿山建设自评报告" + ("（草稿）" if data.draft else ""),
        26,
        True,
        WD_ALIGN_PARAGRAPH.CENTER,
        CJK_SANS,
    )
    for _ in range(8):
        para("")
    for label, value in (
        ("申报单位", data.enterprise),
        ("评价标准", f"{data.standard_title}（{data.standard_code}）"),
        ("标准版本", data.standard_version),
        ("报告日期", f"{data.report_date.year}年{data.report_date.month}月{data.report_date.day}日"),
    ):
        para(f"{label}：{value}", 14, False, WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_section(WD_SECTION.NEW_PAGE)

    heading("一、基本情况")
    table(
        ["项目", "内容"],
        [
            ["矿山名称", data.mine_name],
            ["采矿权人", data.enterprise],
            ["统一社会信用代码", data.uscc or "—"],
            ["法定代表人", data.legal_representative or "—"],
            ["所在乡镇", data.township],
            ["开采矿种", data.mineral],
            ["开采方式", data.mine_kind],
            ["生产规模", data.scale],
            ["矿山地址", data.address or "—"],
        ],
        [4, 12],
    )
    if data.licences:
        para("采矿许可证：", 10.5, True)
        table(["许可证号", "有效期起", "有效期止", "面积（km²）"], [list(r) for r in data.licences])
    heading("二、评分汇总")
    table(
        ["一级指标", "满分", "得分", "得分率"],
        [
            [
                f"{c.id} {c.name}",
                _fmt(c.max),
                _fmt(c.score),
                f"{(c.score / c.max * 100 if c.max else 0):.1f}%",
            ]
            for c in data.categories
        ]
        + [["合计", _fmt(data.max), _fmt(data.total), ""]],
        [8, 2.5, 2.5, 3],
    )
    heading("三、指标评分明细")
    table(
        ["编号", "指标", "满分", "得分", "评分说明", "备注", "证明材料"],
        [
            [
                r.id,
                ("　" * r.depth) + r.name + ("（必达）" if r.mandatory else ""),
                _fmt(r.max),
                _fmt(r.score),
                r.explanation if r.is_leaf else "",
                r.remark,
                "、".join(h[:12] for h in r.evidence),
            ]
            for r in data.items
        ],
        [1.4, 4.2, 1.2, 1.2, 4.2, 2.4, 2.2],
    )
    heading("四、先决条件与一票否决")
    table(
        ["编号", "类别", "条件", "自评结果"],
        [[c.id, c.kind, c.name, c.answer] for c in data.conditions],
        [1.5, 2.5, 9, 3],
    )
    heading("五、结论")
    para(conclusion(data))
    heading("六、证明材料清单")
    if data.evidence:
        table(
            ["序号", "文件名", "大小（字节）", "SHA-256"],
            [[str(n), e.name, str(e.size), e.sha256] for n, e in enumerate(data.evidence, start=1)],
            [1.2, 5, 2.3, 7.5],
        )
    else:
        para("无。")
    para("")
    para(f"标准内容哈希（SHA-256）：{data.content_hash}", 8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
