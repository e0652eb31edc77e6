"""The third-party report in PDF and DOCX: the official sections with the team, prerequisites, the
indicator scores beside the self-assessment's, and the conclusion."""

from __future__ import annotations

import io
import subprocess

from docx import Document

from greenmine.thirdparty.reports import build_docx, build_pdf, report_data
from greenmine.thirdparty.tests.helpers import TEAM, completed_assessment


def test_report_documents(world, tmp_path):
    assessment = completed_assessment(world)
    data = report_data(assessment)
    assert data.title.endswith("绿色矿山第三方评估报告")
    assert [row[0] for row in data.team] == [name for name, *_rest in TEAM]
    assert data.team[0][1] == "组长" and data.team[0][2] == "正高级"
    assert data.team[0][3] == "地质、采矿"  # in the code list order
    assert {row[0] for row in data.scores} == {"Q1", "Q2", "Q3", "Q4", "R1", "R2", "R3"}
    assert data.difference == "0"
    docx = Document(io.BytesIO(build_docx(data)))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    for heading in (
        "一、基本情况",
        "二、评估组",
        "三、先决条件核查",
        "四、现场评估",
        "五、指标评分",
        "六、评估结论",
    ):
        assert heading in text
    assert assessment.agency.name in cells and "王建国" in cells and "现场核查与自评一致" in cells
    assert "达到绿色矿山建设要求" in text
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_pdf(data))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    out = "".join(out.split())  # letter-spacing and line breaks split the words
    assert assessment.mine.name in out and "第三方评估报告" in out and "评估工作承诺书" in out
    assert "一票否决事项核查" in out and "越界开采" in out  # the team's veto verdicts
