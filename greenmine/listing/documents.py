"""The notice (公示) and the listing announcement (公告) as DOCX and PDF, in the official layout of
greenmine/assessments/reports.py: issuer, document number, title, body, the table of mines, the issuer's
name and the date. `notice_document(notice)` and `listing_document(listing)` gather plain data; the
builders take it and return bytes. Objections (and objectors) never appear in a document."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from greenmine.assessments.reports import CJK_FONT, CJK_SANS, _set_cjk
from greenmine.listing.choices import ListingStatus


@dataclass
class OfficialDocument:
    issuer: str
    document_no: str
    title: str
    paragraphs: list[str]
    header: list[str]
    rows: list[list[str]]
    issued_on: date
    closing: list[str] = field(default_factory=list)

    @property
    def filename_stem(self) -> str:
        return self.title


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_document(notice: Any) -> OfficialDocument:
    reviews = list(notice.reviews.select_related("mine__enterprise", "mine__mineral", "assessment"))
    rows = [
        [
            str(n),
            r.mine.name,
            r.mine.enterprise.name,
            r.mine.mineral.name,
            f"{r.assessment.total_score}" if r.assessment.total_score is not None else "—",
        ]
        for n, r in enumerate(reviews, start=1)
    ]
    paragraphs = [notice.body] if notice.body else []
    paragraphs += [
        f"经矿山自评、第三方评估、部门联合初审，拟推荐以下 {len(rows)} 家矿山列入绿色矿山名录，现予以公示。",
        f"公示期：{_cn_date(notice.starts_on)}至{_cn_date(notice.ends_on)}"
        f"（{notice.period_days} 个工作日）。",
        "公示期间，任何单位和个人如有异议，可通过本平台公示页面提交书面意见，须填写真实姓名和联系方式；"
        "提交后获得回执编号，可凭编号查询办理情况。",
    ]
    return OfficialDocument(
        issuer=settings.INSTALLATION_NAME,
        document_no=notice.document_no,
        title=notice.title,
        paragraphs=paragraphs,
        header=["序号", "矿山名称", "采矿权人", "矿种", "第三方评估得分"],
        rows=rows,
        issued_on=notice.starts_on,
    )


def listing_document(listing: Any) -> OfficialDocument:
    """The announcement (公告) of the decision that listed this mine: every mine listed by the same
    document number, and, once removed, the removal."""
    from greenmine.listing.models import Listing

    same = list(
        Listing.objects.filter(document_no=listing.document_no, level=listing.level)
        .select_related("mine__enterprise", "mine__mineral", "mine__township")
        .order_by("mine__name")
    )
    level = listing.get_level_display()
    rows = [
        [str(n), item.mine.name, item.mine.enterprise.name, item.mine.mineral.name, item.mine.township.name]
        for n, item in enumerate(same, start=1)
    ]
    paragraphs = [
        f"根据上级主管部门决定（{listing.document_no}），以下 {len(rows)} 家矿山列入{level}，"
        f"自{_cn_date(listing.listed_on)}起生效，特此公告。",
        "列入名录的矿山应持续按照绿色矿山建设要求开展建设和管理，接受动态监管与社会监督。",
    ]
    closing = []
    if listing.status == ListingStatus.REMOVED and listing.removed_on:
        closing.append(
            f"{listing.mine.name}已于{_cn_date(listing.removed_on)}移出名录"
            + (f"（{listing.removal_document_no}）" if listing.removal_document_no else "")
            + f"。移出原因：{listing.removal_reasons}"
        )
    return OfficialDocument(
        issuer=settings.INSTALLATION_NAME,
        document_no=listing.document_no,
        title=f"关于公布{level}绿色矿山名单的公告",
        paragraphs=paragraphs,
        header=["序号", "矿山名称", "采矿权人", "矿种", "所在乡镇"],
        rows=rows,
        issued_on=listing.listed_on,
        closing=closing,
    )


def build_pdf(doc: OfficialDocument) -> bytes:
    from weasyprint import HTML  # imported here: loading WeasyPrint costs time pages do not need

    html = render_to_string("listing/document.html", {"d": doc, "issued": _cn_date(doc.issued_on)})
    return HTML(string=html).write_pdf()


def build_docx(doc: OfficialDocument) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, RGBColor

    out_doc = Document()
    _set_cjk(out_doc.styles["Normal"], CJK_FONT, 12)
    section = out_doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def para(text: str, size: float = 12, bold: bool = False, align: Any = None, font: str = CJK_FONT) -> Any:
        p = out_doc.add_paragraph()
        if align is not None:
            p.alignment = align
        run = p.add_run(text)
        _set_cjk(run, font, size, bold)
        return p, run

    _p, issuer = para(doc.issuer, 22, True, WD_ALIGN_PARAGRAPH.CENTER, CJK_SANS)
    issuer.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)  # the red masthead of an official document
    para(doc.document_no, 12, False, WD_ALIGN_PARAGRAPH.CENTER)
    para("")
    para(doc.title, 18, True, WD_ALIGN_PARAGRAPH.CENTER, CJK_SANS)
    for text in doc.paragraphs:
        p, _run = para(text)
        p.paragraph_format.first_line_indent = Cm(0.85)
    table = out_doc.add_table(rows=1, cols=len(doc.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, doc.header, strict=True):
        cell.text = ""
        _set_cjk(cell.paragraphs[0].add_run(text), CJK_SANS, 10.5, True)
    for row in doc.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = ""
            _set_cjk(cell.paragraphs[0].add_run(text), CJK_FONT, 10.5)
    for text in doc.closing:
        p, _run = para(text)
        p.paragraph_format.first_line_indent = Cm(0.85)
    para("")
    para(doc.issuer, 12, False, WD_ALIGN_PARAGRAPH.RIGHT)
    para(_cn_date(doc.issued_on), 12, False, WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    out_doc.save(out)
    return out.getvalue()
