"""Data pages of the registry: the map and its GeoJSON, the boundary preview, Excel template/import/export.

Every read goes through the permission primitive (`restrict`, `access_object`); every write through a
service (`importjobs.start_import`, then the task's services).
"""

from __future__ import annotations

import math
import tempfile
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, FloatField, Max, Min, Q
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, VIEW, access_object, has_role_in
from greenmine.registry import excel, excel_export, services
from greenmine.registry.choices import GreenStatus, MineStatus, RightStatus
from greenmine.registry.importjobs import ImportJob, start_import
from greenmine.registry.models import EXPIRY_WARNING_DAYS, Mine, MiningRight
from greenmine.registry.tasks import run_import

MAX_MAP_MINES = 5000
MAX_MAP_RIGHTS = 2000
MAX_BOUNDARY_CHARS = 200_000
# Hosts of GCJ-02 ("Mars coordinates") tiles: drawn under CGCS2000 features they are off by hundreds of
# metres, so they are refused rather than shown wrong.
GCJ02_HOSTS = (
    "autonavi.com",
    "amap.com",
    "gaode.com",
    "map.qq.com",
    "tencent.com",
    "gtimg.com",
    "map.baidu.com",
    "bdimg.com",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- map ---------------------------------------------------------------------------------------------------


def tile_config() -> dict[str, str]:
    """The configured base map, or an empty URL (plain background) when none is set or it is GCJ-02."""
    url = getattr(settings, "MAP_TILE_URL", "") or ""
    host = (urlsplit(url.replace("{s}", "a")).hostname or "").lower()
    if url and any(host == h or host.endswith("." + h) for h in GCJ02_HOSTS):
        url = ""
    return {
        "url": url,
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "") or "",
        "subdomains": getattr(settings, "MAP_TILE_SUBDOMAINS", "") or "abc",
    }


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """The map of the mines and mining rights the user may see."""
    return render(request, "registry/map.html", {"tiles": tile_config()})


def _detail_url(name: str, pk: int) -> str | None:
    try:
        return reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:  # the detail pages are built apart; the map works without the links
        return None


def _bbox(request: HttpRequest) -> tuple[float, float, float, float] | None:
    """`?bbox=minlon,minlat,maxlon,maxlat`; ValueError when given but malformed."""
    raw = request.GET.get("bbox", "").strip()
    if not raw:
        return None
    parts = [float(p) for p in raw.split(",")]
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ValueError
    min_lon, min_lat, max_lon, max_lat = parts
    if min_lon > max_lon or min_lat > max_lat:
        raise ValueError
    return min_lon, min_lat, max_lon, max_lat


def right_state(status: str, valid_until: Any, today: Any) -> str:
    """What the map colours a right by: its own status unless valid, then expired/expiring from the dates."""
    if status != RightStatus.VALID:
        return str(status)
    if valid_until < today:
        return "expired"
    if valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring"
    return "valid"


RIGHT_STATE_LABELS = {
    "valid": gettext_lazy("Valid"),
    "expiring": gettext_lazy("Expiring within 90 days"),
    "expired": gettext_lazy("Expired"),
    RightStatus.SUSPENDED: RightStatus.SUSPENDED.label,
    RightStatus.CANCELLED: RightStatus.CANCELLED.label,
}


def _mine_features(
    user: Any, bbox: tuple[float, float, float, float] | None
) -> tuple[list[dict[str, Any]], bool]:
    """Mines as points: their own coordinates, else the middle of their rights' bounding boxes."""
    mines = (
        Mine.objects.restrict(user, VIEW)
        .annotate(
            lon=Coalesce(
                F("longitude"),
                (Min("rights__min_lon") + Max("rights__max_lon")) / 2,
                output_field=FloatField(),
            ),
            lat=Coalesce(
                F("latitude"),
                (Min("rights__min_lat") + Max("rights__max_lat")) / 2,
                output_field=FloatField(),
            ),
        )
        .filter(lon__isnull=False, lat__isnull=False)
    )
    if bbox is not None:
        # Narrow down before the aggregate (which would otherwise group every visible mine): mines placed
        # inside the box, or with a right whose bounding box meets it; the exact test on the point follows.
        rights_inside = MiningRight.objects.filter(
            min_lon__lte=bbox[2], max_lon__gte=bbox[0], min_lat__lte=bbox[3], max_lat__gte=bbox[1]
        ).values("mine_id")
        placed_inside = Q(longitude__range=(bbox[0], bbox[2]), latitude__range=(bbox[1], bbox[3]))
        mines = mines.filter(placed_inside | Q(pk__in=rights_inside))
        mines = mines.filter(lon__gte=bbox[0], lat__gte=bbox[1], lon__lte=bbox[2], lat__lte=bbox[3])
    rows = list(
        mines.order_by("pk").values("pk", "name", "status", "green_status", "lon", "lat")[: MAX_MAP_MINES + 1]
    )
    statuses, greens = dict(MineStatus.choices), dict(GreenStatus.choices)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(r["lon"], 7), round(r["lat"], 7)]},
            "properties": {
                "kind": "mine",
                "name": r["name"],
                "state": r["green_status"],
                "state_label": str(greens.get(r["green_status"], r["green_status"])),
                "status_label": str(statuses.get(r["status"], r["status"])),
                "url": _detail_url("registry:mine_detail", r["pk"]),
            },
        }
        for r in rows[:MAX_MAP_MINES]
    ]
    return features, len(rows) > MAX_MAP_MINES


def _right_features(
    user: Any, bbox: tuple[float, float, float, float] | None
) -> tuple[list[dict[str, Any]], bool]:
    """Mining rights as (multi)polygons from their stored GeoJSON, filtered on the stored bounding box."""
    rights = MiningRight.objects.restrict(user, VIEW).filter(min_lon__isnull=False)
    if bbox is not None:
        rights = rights.filter(
            min_lon__lte=bbox[2], max_lon__gte=bbox[0], min_lat__lte=bbox[3], max_lat__gte=bbox[1]
        )
    rows = list(
        rights.order_by("pk").values("pk", "licence_no", "status", "valid_until", "geojson", "mine__name")[
            : MAX_MAP_RIGHTS + 1
        ]
    )
    today = timezone.localdate()
    features = []
    for r in rows[:MAX_MAP_RIGHTS]:
        polygons = [
            f["geometry"]["coordinates"]
            for f in (r["geojson"] or {}).get("features", [])
            if isinstance(f, dict) and (f.get("geometry") or {}).get("type") == "Polygon"
        ]
        if not polygons:
            continue
        state = right_state(r["status"], r["valid_until"], today)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                "properties": {
                    "kind": "right",
                    "name": r["licence_no"],
                    "mine": r["mine__name"],
                    "state": state,
                    "state_label": str(RIGHT_STATE_LABELS.get(state, state)),
                    "valid_until": r["valid_until"].isoformat(),
                    "url": _detail_url("registry:right_detail", r["pk"]),
                },
            }
        )
    return features, len(rows) > MAX_MAP_RIGHTS


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON of what the requester may see (anonymous visitors: published mines only), optionally inside
    `?bbox=`; each layer capped (`truncated` tells the map to ask the user to zoom in)."""
    try:
        bbox = _bbox(request)
    except ValueError:
        return JsonResponse({"error": _("bbox must be minlon,minlat,maxlon,maxlat.")}, status=400)
    mines, mines_cut = _mine_features(request.user, bbox)
    rights, rights_cut = _right_features(request.user, bbox)
    return JsonResponse(
        {
            "mines": {"type": "FeatureCollection", "features": mines},
            "rights": {"type": "FeatureCollection", "features": rights},
            "truncated": mines_cut or rights_cut,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_POST
def boundary_preview(request: HttpRequest) -> JsonResponse:
    """Parse a pasted boundary (not saved) and return the spatial library's result: GeoJSON, areas and
    every '第N行' error, for the right form's map preview."""
    text = request.POST.get("boundary_text", "")
    if len(text) > MAX_BOUNDARY_CHARS:
        return JsonResponse({"valid": False, "errors": [_("The boundary text is too long.")]}, status=400)
    result = services.check_right_boundary(
        text, request.POST.get("zone"), _area(request.POST.get("licensed_area_km2"))
    )
    data = result.to_json_dict()
    data["messages"] = services.boundary_errors(result)
    data.pop("parts", None)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _area(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


# --- Excel -------------------------------------------------------------------------------------------------


def _may_import(user: Any) -> bool:
    """Registry records are written by bureau staff and admins; the rows' services check the rest."""
    return has_role_in(user, [OrganisationKind.BUREAU], ADD)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx)"))

    def clean_file(self) -> Any:
        """Rules: at most 10 MB; an Excel workbook by its content (a zip with [Content_Types].xml), whatever
        its name says."""
        upload = self.cleaned_data["file"]
        if upload.size > excel.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not excel.looks_like_xlsx(upload.file):
            raise forms.ValidationError(_("This is not an Excel workbook (.xlsx)."))
        return upload


@login_required
def excel_template(request: HttpRequest) -> HttpResponse:
    """The empty import workbook with Chinese headers."""
    if not _may_import(request.user):
        raise PermissionDenied
    # FileResponse closes the file once sent (a `with` block would close it before).
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    excel.build_template(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="矿山登记导入模板.xlsx", content_type=XLSX)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a filled workbook; the import runs as a background task and this redirects to its progress."""
    if not _may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_import(actor=request.user, upload=form.cleaned_data["file"], language=get_language())
        run_import.enqueue(job.pk)
        return redirect("registry:import_job", pk=job.pk)
    jobs = ImportJob.objects.restrict(request.user, VIEW).order_by("-created_at")[:10]
    return render(request, "registry/import.html", {"form": form, "jobs": jobs})


def _job_context(job: ImportJob) -> dict[str, Any]:
    processed, total = job.live_progress()
    return {"job": job, "percent": job.percent(), "processed": processed, "total": total}


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's page: the progress bar while it runs, then the outcome and every bad row."""
    job = access_object(ImportJob, request.user, VIEW, pk=pk)
    return render(request, "registry/import_job.html", _job_context(job))


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls every second (it stops polling once the job is done)."""
    job = access_object(ImportJob, request.user, VIEW, pk=pk)
    response = render(request, "registry/import_progress.html", _job_context(job))
    if job.done and request.headers.get("HX-Request"):
        # Reload the whole page once, to show the outcome with its error table.
        response["HX-Refresh"] = "true"
    return response


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Enterprises, mines and rights the user may see, as the import workbook (re-importable)."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    excel_export.export_workbook(request.user, handle)
    handle.seek(0)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(handle, as_attachment=True, filename=f"矿山登记导出-{stamp}.xlsx", content_type=XLSX)


def can_import(user: Any) -> bool:
    """For templates and navigation: whether to offer the import."""
    return _may_import(user)
