"""Evidence files: what is accepted (judged by content, never by the name), where the bytes are kept, and
the thumbnails of images. The service that stores an upload is `evidence_services.store_evidence`."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from greenmine.core.models.evidence import EvidenceKind

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
THUMBNAIL_PX = 320
CHUNK = 1024 * 1024

# Detected (by content) type → kind. Nothing else is accepted: no HTML, SVG, scripts or executables,
# which a browser or a desktop could run when someone opens the evidence.
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PDF_TYPE = "application/pdf"
OOXML = {
    # [Content_Types].xml part name that proves the package is really this kind of document
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "/word/document.xml"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", "/xl/workbook.xml"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "pptx",
        "/ppt/presentation.xml",
    ),
}
LEGACY_OFFICE = {"application/msword": "doc", "application/vnd.ms-excel": "xls"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Detected:
    content_type: str
    kind: str
    extension: str


def read_limited(uploaded: IO[bytes], name: str) -> bytes:
    """The upload's bytes, refusing more than the limit while reading (a stated size is not trusted)."""
    limit = max_bytes()
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = uploaded.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise ValidationError(
                _("“%(name)s” is larger than the limit of %(limit)s MB.")
                % {"name": name, "limit": f"{limit / 1024 / 1024:g}"},
                code="too_large",
            )
        parts.append(chunk)
    if total == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    return b"".join(parts)


def _ooxml_kind(data: bytes) -> str | None:
    """The OOXML content type whose main part the package declares, or None if it is no Office package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            names = set(archive.namelist())
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    for mime, (_ext, part) in OOXML.items():
        if f'PartName="{part}"' in types and part.lstrip("/") in names:
            return mime
    return None


def detect(data: bytes, name: str) -> Detected:
    """What the bytes are. Rule: the content decides; a name's extension is never trusted, and anything not
    in the accepted list is refused naming the file and what it really is."""
    guess = filetype.guess(data)
    mime = guess.mime if guess is not None else None
    if mime in IMAGE_TYPES:
        return Detected(mime, EvidenceKind.IMAGE, IMAGE_TYPES[mime])
    if mime == PDF_TYPE:
        return Detected(mime, EvidenceKind.PDF, "pdf")
    if mime in OOXML or mime == "application/zip":
        ooxml = _ooxml_kind(data)
        if ooxml is not None:
            return Detected(ooxml, EvidenceKind.OFFICE, OOXML[ooxml][0])
    if mime in LEGACY_OFFICE and data.startswith(OLE_MAGIC):
        return Detected(mime, EvidenceKind.OFFICE, LEGACY_OFFICE[mime])
    detected = mime or _("unrecognised content (e.g. text, HTML or a script)")
    raise ValidationError(
        _(
            "“%(name)s” is not an accepted file: its content is %(type)s. Accepted are JPEG, PNG and WebP "
            "images, PDF, and Word, Excel or PowerPoint documents."
        )
        % {"name": name, "type": detected},
        code="bad_type",
    )


def make_thumbnail(data: bytes, name: str) -> bytes:
    """A PNG of at most 320 px, upright (EXIF orientation applied). A damaged image is refused."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            if image.mode not in {"RGB", "RGBA", "L", "LA"}:
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("“%(name)s” looks like an image but cannot be read: %(error)s") % {"name": name, "error": exc},
            code="bad_image",
        ) from None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relative_path(sha256: str, suffix: str = "") -> str:
    return f"evidence/{sha256[:2]}/{sha256}{suffix}"


def absolute_path(relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:  # a stored path can never point outside the evidence store
        raise ValueError("evidence path outside MEDIA_ROOT")
    return path


def write_once(relative: str, data: bytes) -> None:
    """Content-addressed write: an existing file with this name already holds these bytes. Written to a
    temporary name and renamed, so a reader never sees half a file."""
    path = absolute_path(relative)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
