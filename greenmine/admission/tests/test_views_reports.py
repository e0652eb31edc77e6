"""Pages with bad input (no 500, the form keeps what was typed), the demo, and the printable reports."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from greenmine.admission import reports, services
from greenmine.admission.tests.helpers import APP, hulin_layers, licence_text

pytestmark = pytest.mark.django_db


def test_bad_layer_upload_names_the_problem(client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    upload = SimpleUploadedFile("layer.zip", b"PK\x03\x04 not a zip")
    response = client.post(
        reverse("admission:layer_import"), {"kind": "geopark", "name": "地质公园层", "file": upload}
    )
    assert response.status_code == 200
    assert "damaged" in response.content.decode()
    assert "地质公园层" in response.content.decode()


def test_bad_boundary_keeps_the_form(client_for) -> None:  # noqa: ANN001
    response = client_for("bureau_staff").post(
        reverse("admission:check_create"),
        {
            "right_kind": "mining",
            "application_type": "new",
            "applicant": "某申请人",
            "boundary_text": "1,abc\n",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "某申请人" in body and "1,abc" in body


def test_check_page_and_reports(world, tmp_path) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    hulin_layers(admin)
    check = services.run_check(
        actor=admin, boundary=licence_text(APP), right_kind="mining", applicant="测试申请人"
    )
    pdf = reports.pdf_report(check)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdffonts"):
        assert "Noto" in subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "准入审查报告" in text and "禁止" in text and "测试保护区北" in text
    docx = reports.docx_report(check)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        document = archive.read("word/document.xml").decode()
        assert "w:eastAsia" in document and "测试申请人" in document
        assert any(n.startswith("word/media/") for n in archive.namelist())


def test_demo_gives_the_expected_verdicts(world) -> None:  # noqa: ANN001
    from greenmine.admission import demo

    admin = world.users["bureau_admin"]
    result = demo.load({"actor": admin})
    verdicts = sorted(c.verdict for c in result["admission_checks"])
    assert verdicts == ["pass", "prohibited"]
    assert demo.load({"actor": admin})["admission_checks"][0].pk == result["admission_checks"][0].pk
