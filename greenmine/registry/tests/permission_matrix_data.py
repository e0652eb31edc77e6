"""Permission matrix of the registry's data routes: map, boundary preview, Excel (see core.testing.matrix)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from greenmine.core.testing.matrix import Route, everyone, signed_in
from greenmine.registry.importjobs import start_import
from greenmine.registry.tests.factories import BOUNDARY_44_A

# Importing writes registry records: bureau staff and admins (of any bureau; rows outside its division fail).
IMPORTERS = {"bureau_admin": 200, "bureau_staff": 200, "other_bureau": 200, "anonymous": 302}
NOT_VISIBLE = 404


def _admins_job(w):  # noqa: ANN001, ANN202
    upload = SimpleUploadedFile("导入.xlsx", b"PK\x03\x04 not really a workbook")
    job = start_import(actor=w.users["bureau_admin"], upload=upload, language="zh-hans")
    return {"pk": job.pk}


ROUTES = [
    Route("registry:map", signed_in(200)),
    # The map's data answers everyone, filtered by the primitive (visitors: published mines only).
    Route("registry:map_data", everyone(200)),
    Route(
        "registry:boundary_preview",
        signed_in(200),
        method="post",
        data=lambda w, r: {"boundary_text": BOUNDARY_44_A},
    ),
    Route("registry:excel_template", IMPORTERS),
    Route("registry:import", IMPORTERS),
    Route(
        "registry:import_job",
        {"bureau_admin": 200, "anonymous": 302},
        default=NOT_VISIBLE,
        kwargs=_admins_job,
    ),
    Route(
        "registry:import_progress",
        {"bureau_admin": 200, "anonymous": 302},
        default=NOT_VISIBLE,
        kwargs=_admins_job,
    ),
    Route("registry:export", signed_in(200)),
]
