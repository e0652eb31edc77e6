"""The third-party assessment report (绿色矿山第三方评估报告) as DOCX and PDF, in the official layout:
cover (title, mine, agency, dates), 一、基本情况, 二、评估组, 三、先决条件核查 (with the team's verdict on
every 一票否决 item beside the enterprise's own answer), 四、现场评估,
五、指标评分（与自评对比）, 六、评估结论.

`report_data(assessment)` gathers plain data; the builders take it and return bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from greenmine.assessments.reports import CJK_FONT, CJK_SANS, _set_cjk
from greenmine.core.documents import cached_document
from greenmine.thirdparty.selectors import prerequisite_rows, score_rows, veto_rows
from greenmine.thirdparty.services import explain_threshold

TITLES = {"junior": "初级", "intermediate": "中级", "deputy_senior": "副高级", "senior": "正高级"}


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass
class ReportData:
    assessment_id: int
    draft: bool
    mine_name: str
    enterprise: str
    agency: str
    bureau: str
    standard: str
    contract_ref: str
    commissioned_on: date
    assessment_date: date
    visit_date: date | None
    completed_on: date | None
    report_date: date
    attendees: str
    team: list[list[str]] = field(default_factory=list)
    prerequisites: list[list[str]] = field(default_factory=list)
    vetoes: list[list[str]] = field(default_factory=list)
    scores: list[list[str]] = field(default_factory=list)
    self_total: Decimal | None = None
    total: Decimal | None = None
    passed: bool | None = None
    reasons: list[str] = field(default_factory=list)
    conclusion: str = ""
    threshold: str = ""

    @property
    def title(self) -> str:
        return f"{self.mine_name}绿色矿山第三方评估报告"

    @property
    def difference(self) -> str:
        if self.total is None or self.self_total is None:
            return "—"
        return fmt(self.total - self.self_total)

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "评估尚未完成"
        return "达到绿色矿山建设要求" if self.passed else "尚未达到绿色矿山建设要求"


def _zh(value: Any) -> str:
    """The report is a Chinese document whatever the reader's language."""
    with translation.override("zh-hans"):
        return str(value())


def report_data(assessment: Any) -> ReportData:
    visit = getattr(assessment, "site_visit", None)
    version = assessment.self_assessment.standard_version
    team = [
        [
            m.expert.name,
            "组长" if m.is_leader else "成员",
            TITLES.get(m.expert.title, m.expert.title),
            _zh(lambda e=m.expert: e.discipline_labels),
            "专职" if m.expert.full_time else "兼职",
            timezone.localtime(m.declared_at).strftime("%Y-%m-%d %H:%M") if m.declared_at else "未声明",
        ]
        for m in assessment.members.select_related("expert")
    ]
    prerequisites = [
        [
            p["id"],
            p["name"],
            ("满足" if p["check"].holds else "不满足") if p["check"] else "未核查",
            p["check"].note if p["check"] else "",
        ]
        for p in prerequisite_rows(assessment)
    ]
    vetoes = [
        [
            v["id"],
            v["name"],
            {True: "发生", False: "未发生"}.get(v["self"], "未作答"),
            ("发生（否决）" if v["check"].occurred else "未发生") if v["check"] else "未核查",
            v["check"].note if v["check"] else "",
        ]
        for v in veto_rows(assessment)
    ]
    scores = [
        [
            r.id,
            r.name,
            fmt(r.points),
            fmt(r.self_score),
            fmt(r.score.score) if r.score else "—",
            fmt(r.difference) if r.difference is not None else "—",
            (r.score.finding if r.score else "")
            + (f"（差异说明：{r.score.explanation}）" if r.score and r.score.explanation else ""),
        ]
        for r in score_rows(assessment)
    ]
    result = assessment.result or {}
    return ReportData(
        assessment_id=assessment.pk,
        draft=not assessment.completed,
        mine_name=assessment.mine.name,
        enterprise=assessment.mine.enterprise.name,
        agency=assessment.agency.name,
        bureau=assessment.commissioned_by_org.name,
        standard=f"{version.standard.title}（{version.standard.code} {version.version}）",
        contract_ref=assessment.contract_ref,
        commissioned_on=timezone.localtime(assessment.commissioned_at).date(),
        assessment_date=assessment.assessment_date,
        visit_date=visit.visit_date if visit else None,
        completed_on=timezone.localtime(assessment.completed_at).date() if assessment.completed_at else None,
        report_date=timezone.localdate(),
        attendees=visit.attendees if visit else "",
        team=team,
        prerequisites=prerequisites,
        vetoes=vetoes,
        scores=scores,
        self_total=assessment.self_total,
        total=assessment.total_score,
        passed=assessment.passed,
        reasons=list(result.get("reasons") or []),
        conclusion=assessment.conclusion,
        threshold=fmt(explain_threshold()),
    )


def conclusion_text(data: ReportData) -> str:
    if data.total is None:
        return "评估尚未完成。"
    text = (
        f"经内业评估和现场评估，依据{data.standard}，该矿山第三方评估得分 {fmt(data.total)} 分，"
        f"企业自评得分 {fmt(data.self_total)} 分，差值 {data.difference} 分。评估结论：{data.verdict}。"
    )
    if data.reasons:
        text += "主要原因：" + "；".join(data.reasons) + "。"
    return text


TEAM_HEADER = ["姓名", "职务", "职称", "专业", "专兼职", "无利益冲突声明"]
PREREQ_HEADER = ["编号", "先决条件", "核查结果", "说明"]
VETO_HEADER = ["编号", "一票否决事项", "企业自评", "评估组核查", "说明"]
SCORE_HEADER = ["编号", "指标", "分值", "自评得分", "评估得分", "差值", "评估发现"]


def build_pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "thirdparty/report.html",
        {
            "d": data,
            "conclusion": conclusion_text(data),
            "team_header": TEAM_HEADER,
            "prereq_header": PREREQ_HEADER,
            "veto_header": VETO_HEADER,
            "score_header": SCORE_HEADER,
        },
    )
    return HTML(string=html).write_pdf()


def build_docx(data: ReportData) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = Document()
    for style_name in ("Normal", "Table Grid"):
        _set_cjk(doc.styles[style_name], CJK_FONT if style_name == "Normal" else CJK_SANS)
    _set_cjk(doc.styles["Normal"], CJK_FONT, 10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)

    def para(
        text: str, size: float = 10.5, bold: bool = False, align: Any = None, font: str = CJK_FONT
    ) -> None:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        _set_cjk(p.add_run(text), font, size, bold)

    def heading(text: str) -> None:
        para(text, 14, True, font=CJK_SANS)

    def table(header: list[str], rows: list[list[str]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            _set_cjk(cell.paragraphs[0].add_run(text), CJK_SANS, 9, True)
        for row in rows:
            for cell, text in zip(t.add_row().cells, row, strict=True):
                cell.text = ""
                _set_cjk(cell.paragraphs[0].add_run(str(text)), CJK_FONT, 9)

    for _ in range(5):
        para("")
    para(data.mine_name, 22, True, WD_ALIGN_PARAGRAPH.CENTER, CJK_SANS)
    para(
        "绿色矿山第三方评估报告" + ("（草稿）" if data.draft else ""),
        26,
        True,
        WD_ALIGN_PARAGRAPH.CENTER,
        CJK_SANS,
    )
    for _ in range(7):
        para("")
    for label, value in (
        ("评估机构", data.agency),
        ("委托单位", data.bureau),
        ("评价标准", data.standard),
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
            ["评估机构", data.agency],
            ["委托单位", data.bureau],
            ["合同编号", data.contract_ref or "—"],
            ["评价标准", data.standard],
            ["委托日期", str(data.commissioned_on)],
            ["评估日期", str(data.assessment_date)],
            ["现场评估日期", str(data.visit_date or "—")],
            ["完成日期", str(data.completed_on or "—")],
        ],
    )
    heading("二、评估组")
    table(TEAM_HEADER, data.team)
    heading("三、先决条件核查（内业评估）")
    table(PREREQ_HEADER, data.prerequisites)
    para("一票否决事项核查（评估组自行核查，与企业自评对比）", 12, True, font=CJK_SANS)
    table(VETO_HEADER, data.vetoes)
    heading("四、现场评估")
    para(
        f"现场评估日期：{data.visit_date or '—'}；参加人员：{data.attendees or '—'}。"
        "评估组长宣读并签署《评估工作承诺书》。"
    )
    heading("五、指标评分（第三方评估与企业自评对比）")
    para(f"差值超过 {data.threshold} 分的指标均附评估组说明。", 9)
    table(SCORE_HEADER, data.scores)
    table(
        ["", "企业自评", "第三方评估", "差值"],
        [["总分", fmt(data.self_total), fmt(data.total), data.difference]],
    )
    heading("六、评估结论")
    para(conclusion_text(data))
    if data.conclusion:
        para(data.conclusion)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


FORMATS = {
    "pdf": ("application/pdf", build_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", build_docx),
}


def _response(data: ReportData, fmt_name: str) -> HttpResponse:
    content_type, builder = FORMATS[fmt_name]
    response = HttpResponse(
        cached_document(f"thirdparty.{fmt_name}", data, builder), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="thirdparty-{data.assessment_id}.{fmt_name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(data: ReportData) -> HttpResponse:
    return _response(data, "pdf")


def docx_response(data: ReportData) -> HttpResponse:
    return _response(data, "docx")
