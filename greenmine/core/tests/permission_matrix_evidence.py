"""Permission matrix of evidence downloads (see greenmine.core.testing.matrix).

Fixture: an image uploaded by world.orgs["enterprise"]. The owner and Hulin's bureau (the owner's division)
read it; departments and everyone else only through a Grant, so here they never learn it exists (404).
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from greenmine.core.evidence_services import store_evidence
from greenmine.core.testing.matrix import Route

SEES = {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 200, "enterprise": 200, "anonymous": 302}


def _evidence(w):  # noqa: ANN001, ANN202
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(out, format="PNG")
    record = store_evidence(
        actor=w.users["enterprise"],
        organisation=w.orgs["enterprise"],
        uploaded_file=SimpleUploadedFile("现场.png", out.getvalue()),
    )
    return {"pk": record.pk}


ROUTES = [
    Route("core:evidence_download", SEES, default=404, kwargs=_evidence),
    Route("core:evidence_thumbnail", SEES, default=404, kwargs=_evidence),
]
