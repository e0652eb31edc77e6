"""The self-assessment report: Chinese text present, a Noto CJK font embedded, East-Asian font in Word."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from greenmine.assessments import services
from greenmine.assessments.reports import build_docx, build_pdf, report_data
from greenmine.assessments.tests.helpers import fill, png_bytes
from greenmine.core.evidence_services import store_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, mine, hlss):  # noqa: ANN001, ANN201
    ent = world.users["enterprise"]
    a = services.start_self_assessment(actor=ent, mine=mine)
    fill(ent, a)
    services.save_item(actor=ent, assessment=a, indicator_id="P1", answer={"holds": True}, remark="证照齐全")
    photo = store_evidence(
        actor=ent,
        organisation=world.orgs["enterprise"],
        uploaded_file=SimpleUploadedFile("许可证.png", png_bytes()),
    )
    services.attach_evidence(actor=ent, assessment=a, indicator_id="P1", evidence=photo)
    return services.submit_self_assessment(actor=ent, assessment=a)


def test_pdf_has_chinese_text_and_embeds_noto_cjk(submitted, tmp_path) -> None:  # noqa: ANN001
    pdf = build_pdf(report_data(submitted))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "自评报告" in text and submitted.mine.name in text
    assert "基本情况" in text and "证明材料清单" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    # PostScript names as embedded, e.g. "LWGGBP+Noto-Serif-CJK-SC" (a subset of Debian's fonts-noto-cjk).
    assert re.search(r"Noto-?(Sans|Serif)-?CJK", fonts), fonts


def test_docx_sets_east_asian_font(submitted) -> None:  # noqa: ANN001
    docx = build_docx(report_data(submitted))
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert 'w:eastAsia="Noto' in xml
    assert "自评报告" in xml and submitted.mine.name in xml
    assert submitted.snapshot["evidence"][0]["sha256"] in xml


def test_report_downloads_are_permission_checked(submitted, client_for) -> None:  # noqa: ANN001
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        url = reverse("assessments:report_download", kwargs={"pk": submitted.pk, "fmt": fmt})
        response = client_for("enterprise").get(url)
        assert response.status_code == 200 and response.content.startswith(magic)
        assert client_for("enterprise_other").get(url).status_code == 404
    bad = reverse("assessments:report_download", kwargs={"pk": submitted.pk, "fmt": "exe"})
    assert client_for("enterprise").get(bad).status_code == 404
