"""Excel import: the template round-trips, and every bad row is named while nothing is saved."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from greenmine.standards import services
from greenmine.standards.excel import build_template
from greenmine.standards.models import Standard

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # noqa: ANN202
    with translation.override("en"):  # the assertions read the English msgids
        yield


HEADER = {
    "code": "T-XL",
    "title": "表格标准",
    "issuer": "测试局",
    "kind": "city",
    "version": "1.0",
    "effective_date": "2024-01-01",
    "source_citation": "测试",
    "provenance": "template",
    "total_points": 20,
    "pass_line": 12,
    "first_level_floor": 0.5,
}
INDICATORS = [
    {"id": "A", "name": "甲", "points": 20},
    {"id": "A1", "parent": "A", "name": "甲一", "points": 10, "mandatory": "是"},
    {
        "id": "A2",
        "parent": "A",
        "name": "甲二",
        "points": 10,
        "method": "graded",
        "levels": "good:好:10; poor:差:0",
        "evidence": "记录；照片",
    },
]
CONDITIONS = [
    {"type": "prerequisite", "id": "P1", "name": "证照有效"},
    {"type": "veto", "id": "V1", "name": "越界"},
]


def _workbook(header=HEADER, indicators=INDICATORS, conditions=CONDITIONS) -> io.BytesIO:  # noqa: ANN001
    wb = load_workbook(io.BytesIO(build_template()))
    sheet = wb["standard"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in header:
            row[1].value = header[row[0].value]
    for name, rows in (("indicators", indicators), ("conditions", conditions)):
        columns = [c.value for c in wb[name][1]]
        for record in rows:
            wb[name].append([record.get(c) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_template_import_builds_the_document() -> None:
    version = services.import_excel(actor=None, file=_workbook(), publish=True)
    assert version.is_published and version.standard.code == "T-XL"
    a2 = next(i for i in version.document["indicators"] if i["id"] == "A2")
    assert a2["method"]["levels"][0] == {"key": "good", "label": "好", "points": 10}
    assert a2["evidence"] == ["记录", "照片"]
    assert [p["id"] for p in version.document["prerequisites"]] == ["P1"]


def test_every_bad_row_is_listed_and_nothing_is_saved() -> None:
    rows = [
        {"id": "A", "name": "甲", "points": 20},
        {"id": "A1", "parent": "A", "name": "甲一", "points": "ten", "mandatory": "maybe"},
        {"id": "A2", "parent": "A", "name": "甲二", "points": 10, "method": "graded", "levels": "good-10"},
        {"parent": "A", "name": "无编号"},
    ]
    with pytest.raises(ValidationError) as caught:
        services.import_excel(actor=None, file=_workbook(indicators=rows))
    messages = caught.value.messages
    assert "indicators row 3 column points: must be a number" in messages
    assert "indicators row 3 column mandatory: must be yes or no" in messages
    assert any(m.startswith("indicators row 4 column levels:") for m in messages)
    assert "indicators row 5 column id: is required" in messages
    assert not Standard.objects.exists()


def test_document_rules_are_placed_on_their_rows() -> None:
    rows = [dict(r) for r in INDICATORS]
    rows[2]["points"] = 12  # children of A now sum to 22
    with pytest.raises(ValidationError) as caught:
        services.import_excel(actor=None, file=_workbook(indicators=rows))
    assert any(m.startswith("indicators row 2 (A) points:") for m in caught.value.messages), (
        caught.value.messages
    )
    assert not Standard.objects.exists()


def test_not_an_excel_file() -> None:
    with pytest.raises(ValidationError, match="not an Excel"):
        services.import_excel(actor=None, file=io.BytesIO(b"plain text"))


def test_template_download_and_excel_upload_page(client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    from django.urls import reverse

    template = client.get(reverse("standards:excel_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    upload = _workbook()
    upload.name = "standard.xlsx"
    response = client.post(reverse("standards:import"), {"source": "excel", "excel-excel_file": upload})
    assert response.status_code == 302 and Standard.objects.filter(code="T-XL").exists()
