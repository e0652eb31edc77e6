"""The bureau admins' audit-log browser and its Excel export."""

from datetime import datetime, time
from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from greenmine.core.choices import OrganisationKind
from greenmine.core.forms import AuditFilterForm
from greenmine.core.models import AuditEvent
from greenmine.core.permissions import MANAGE, access_object, has_role_in
from greenmine.core.viewutils import paginate, querystring_without_page

EXPORT_LIMIT = 100_000


def _filtered_events(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    if not has_role_in(request.user, [OrganisationKind.BUREAU], MANAGE):
        raise PermissionDenied
    events = AuditEvent.objects.restrict(request.user, MANAGE)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            events = events.filter(
                Q(object_repr__icontains=data["q"])
                | Q(action__icontains=data["q"])
                | Q(actor_repr__icontains=data["q"])
            )
        if data["action"]:
            events = events.filter(action__startswith=data["action"])
        if data["actor"]:
            events = events.filter(actor_repr__icontains=data["actor"])
        if data["object_type"]:
            events = events.filter(object_type=data["object_type"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            events = events.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
        if data["date_to"]:
            events = events.filter(created_at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz))
    return form, events.order_by("-id")


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_events(request)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page": paginate(request, events),
            "querystring": querystring_without_page(request),
        },
    )


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_object(AuditEvent, request.user, MANAGE, pk=pk)
    return render(request, "core/audit_detail.html", {"event": event})


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered log as an Excel workbook, Chinese headers, one event a row."""
    _form, events = _filtered_events(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Audit log"))
    headers = [
        _("No."),
        _("Time"),
        _("Actor"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("IP address"),
        _("Changes"),
        _("Hash"),
    ]
    sheet.append([_bold(workbook, sheet, h) for h in headers])
    for event in events[:EXPORT_LIMIT].iterator(chunk_size=2000):
        sheet.append(
            [
                event.pk,
                _cell(event.created_at),
                event.actor_repr,
                event.action,
                event.object_type,
                event.object_id,
                event.object_repr,
                event.ip_address or "",
                _changes_text(event.changes),
                event.hash,
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.xlsx"'
    return response


def _bold(workbook: Workbook, sheet: Any, text: str) -> Any:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _changes_text(changes: Any) -> str:
    if not changes:
        return ""
    before = changes.get("before", {}) if isinstance(changes, dict) else {}
    after = changes.get("after", {}) if isinstance(changes, dict) else {}
    if before or after:
        keys = sorted(set(before) | set(after))
        return "; ".join(f"{k}: {before.get(k, '')} → {after.get(k, '')}" for k in keys)
    return str(changes)
