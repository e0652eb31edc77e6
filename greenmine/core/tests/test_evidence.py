"""Evidence files: content-checked types, the size limit, dedup by hash, thumbnails, permission-checked
download."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from greenmine.core.evidence import absolute_path
from greenmine.core.evidence_services import store_evidence
from greenmine.core.models import AuditEvent, EvidenceFile


@pytest.fixture(autouse=True)
def english():  # noqa: ANN201
    """Messages are checked in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 400), colour).save(out, format="PNG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(world, data: bytes, name: str, role: str = "enterprise") -> EvidenceFile:  # noqa: ANN001
    return store_evidence(
        actor=world.users[role], organisation=world.orgs[role], uploaded_file=SimpleUploadedFile(name, data)
    )


@pytest.mark.django_db
def test_image_is_stored_with_hash_thumbnail_and_audit(world) -> None:  # noqa: ANN001
    record = upload(world, png(), "现场照片.png")
    assert record.kind == "image" and record.content_type == "image/png"
    assert len(record.sha256) == 64 and record.storage_path.endswith(record.sha256)
    assert absolute_path(record.storage_path).read_bytes() == png()
    with Image.open(absolute_path(record.thumbnail_path)) as thumb:
        assert max(thumb.size) == 320
    assert AuditEvent.objects.filter(action="evidence.stored", object_id=str(record.pk)).exists()


@pytest.mark.django_db
def test_same_bytes_twice_are_one_record(world) -> None:  # noqa: ANN001
    first = upload(world, PDF, "a.pdf")
    second = upload(world, PDF, "b-renamed.pdf")
    assert first.pk == second.pk
    assert EvidenceFile.objects.count() == 1
    # Another owner uploading the same bytes gets its own record (dedup is within the owner).
    other = upload(world, PDF, "a.pdf", role="enterprise_other")
    assert other.pk != first.pk and other.sha256 == first.sha256


@pytest.mark.django_db
def test_office_and_pdf_accepted(world) -> None:  # noqa: ANN001
    assert upload(world, docx(), "方案.docx").kind == "office"
    assert upload(world, PDF, "x.pdf").kind == "pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "detected"),
    [
        (b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200, "report.pdf", "application/"),
        (b"<!doctype html><script>alert(1)</script>", "photo.png", "unrecognised"),
        (b"PK\x03\x04" + b"\x00" * 100, "fake.docx", ""),
    ],
)
def test_disguised_file_is_refused_naming_file_and_type(world, data, name, detected) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        upload(world, data, name)
    message = " ".join(exc.value.messages)
    assert name in message and detected in message
    assert not EvidenceFile.objects.exists()


@pytest.mark.django_db
def test_oversized_file_is_refused(world, settings) -> None:  # noqa: ANN001
    settings.EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than the limit"):
        upload(world, png(), "big.png")


@pytest.mark.django_db
def test_only_members_upload_for_their_organisation(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        store_evidence(
            actor=world.users["enterprise_other"],
            organisation=world.orgs["enterprise"],
            uploaded_file=SimpleUploadedFile("a.pdf", PDF),
        )


@pytest.mark.django_db
def test_download_is_permission_checked(world, client_for) -> None:  # noqa: ANN001
    record = upload(world, png(), "p.png")
    url = reverse("core:evidence_download", kwargs={"pk": record.pk})
    response = client_for("enterprise").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png()
    assert response["Content-Disposition"].startswith("attachment")
    assert client_for("bureau_staff").get(url).status_code == 200
    assert client_for("enterprise_other").get(url).status_code == 404
    assert client_for("other_bureau").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302
    thumb = client_for("enterprise").get(reverse("core:evidence_thumbnail", kwargs={"pk": record.pk}))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/png"
