"""Pages of the standards app: browse, read the indicator tree, compare versions, import, edit, publish.

Reading is public for published versions (the public may read the standards); every write is a
service call, and only bureau administrators reach the write pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import MANAGE, VIEW, access_object, can, has_role_in
from greenmine.core.viewutils import add_service_errors, paginate, querystring_without_page
from greenmine.standards import selectors, services
from greenmine.standards.choices import StandardKind, VersionStatus
from greenmine.standards.diff import diff
from greenmine.standards.forms import (
    DraftEditForm,
    ExcelImportForm,
    NewVersionForm,
    PublishForm,
    YamlImportForm,
    dump_yaml,
)
from greenmine.standards.models import StandardVersion
from greenmine.standards.validation import validate_document


def _manages_standards(user: Any) -> bool:
    return has_role_in(user, [OrganisationKind.BUREAU], MANAGE)


def _version(request: HttpRequest, pk: int, action: str = VIEW) -> StandardVersion:
    return access_object(StandardVersion.objects.select_related("standard"), request.user, action, pk=pk)


def standard_list(request: HttpRequest) -> HttpResponse:
    """Every version the visitor may read, grouped by standard; filter by kind and status."""
    versions = selectors.visible_versions(request.user).order_by("standard__code", "-created_at", "-pk")
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    if kind in StandardKind.values:
        versions = versions.filter(standard__kind=kind)
    if status in VersionStatus.values:
        versions = versions.filter(status=status)
    return render(
        request,
        "standards/standard_list.html",
        {
            "page": paginate(request, versions),
            "kind": kind,
            "status": status,
            "kinds": StandardKind.choices,
            "statuses": VersionStatus.choices,
            "querystring": querystring_without_page(request),
            "can_import": _manages_standards(request.user),
        },
    )


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Header facts, provenance, pass rules, prerequisites, vetoes and the indicator tree."""
    version = _version(request, pk)
    standard = selectors.version_document(version)
    others = selectors.visible_versions(request.user).filter(standard=version.standard).exclude(pk=version.pk)
    return render(
        request,
        "standards/version_detail.html",
        {
            "version": version,
            "doc": standard,
            "rows": selectors.indicator_tree(standard),
            "others": others,
            "can_manage": can(request.user, MANAGE, version),
        },
    )


def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between another version of the same standard (`?against=`) and this one."""
    version = _version(request, pk)
    others = selectors.visible_versions(request.user).filter(standard=version.standard).exclude(pk=version.pk)
    against_pk = request.GET.get("against", "")
    against = None
    if against_pk:
        against = access_object(others, request.user, VIEW, pk=against_pk)
    else:
        # By default: the version made just before this one.
        against = others.filter(created_at__lte=version.created_at).order_by("-created_at", "-pk").first()
    changes = None
    if against is not None:
        changes = diff(selectors.version_document(against), selectors.version_document(version))
    return render(
        request,
        "standards/version_compare.html",
        {
            "version": version,
            "against": against,
            "others": others,
            "diff": changes,
        },
    )


def version_yaml(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    response = HttpResponse(dump_yaml(version.document), content_type="application/yaml; charset=utf-8")
    filename = f"{version.standard.code}-{version.version}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def standard_import(request: HttpRequest) -> HttpResponse:
    """Import a standard from YAML (upload or paste) or from the Excel template."""
    if not _manages_standards(request.user):
        raise PermissionDenied
    which = request.POST.get("source", "") if request.method == "POST" else ""
    yaml_form = YamlImportForm(
        request.POST if which == "yaml" else None, request.FILES if which == "yaml" else None, prefix="yaml"
    )
    excel_form = ExcelImportForm(
        request.POST if which == "excel" else None,
        request.FILES if which == "excel" else None,
        prefix="excel",
    )
    form = yaml_form if which == "yaml" else excel_form if which == "excel" else None
    if form is not None and form.is_valid():
        try:
            if form is yaml_form:
                version = services.load_standard_document(
                    actor=request.user,
                    data=form.cleaned_data["document"],
                    publish=form.cleaned_data["publish"],
                )
            else:
                version = services.import_excel(
                    actor=request.user,
                    file=form.cleaned_data["excel_file"],
                    publish=form.cleaned_data["publish"],
                )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Loaded %(code)s %(version)s.")
                % {"code": version.standard.code, "version": version.version},
            )
            return redirect("standards:detail", pk=version.pk)
    return render(request, "standards/import.html", {"yaml_form": yaml_form, "excel_form": excel_form})


@login_required
def excel_template(request: HttpRequest) -> HttpResponse:
    if not _manages_standards(request.user):
        raise PermissionDenied
    from greenmine.standards.excel import build_template

    response = HttpResponse(
        build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="standard-template.xlsx"'
    return response


@login_required
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The YAML editor of a draft, with the validation report (errors per node and field)."""
    version = _version(request, pk, MANAGE)
    if version.is_published:
        messages.error(request, _("Published versions are immutable; start a new version."))
        return redirect("standards:detail", pk=version.pk)
    form = DraftEditForm(request.POST or None, initial={"yaml_text": dump_yaml(version.document)})
    issues: tuple = ()
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                actor=request.user, version=version, document=form.cleaned_data["yaml_text"]
            )
        except services.DocumentRejected as exc:
            issues = exc.issues
            form.add_error("yaml_text", _("The document has errors; see the report below."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("standards:edit", pk=version.pk)
    report = validate_document(version.document)
    return render(
        request,
        "standards/version_edit.html",
        {
            "version": version,
            "form": form,
            "issues": issues,
            "warnings": report.warnings,
        },
    )


@login_required
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then publish (strict validation: an incomplete draft is refused with its gaps listed)."""
    version = _version(request, pk, MANAGE)
    if version.is_published:
        messages.info(request, _("This version is already published."))
        return redirect("standards:detail", pk=version.pk)
    form = PublishForm(request.POST or None)
    strict = validate_document({**version.document, "status": VersionStatus.PUBLISHED}, strict=True)
    issues: tuple = strict.errors
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_version(actor=request.user, version=version)
        except services.DocumentRejected as exc:
            issues = exc.issues
            form.add_error(None, _("This version cannot be published yet; see the report below."))
        else:
            messages.success(
                request,
                _("Published %(code)s %(version)s.")
                % {"code": version.standard.code, "version": version.version},
            )
            return redirect("standards:detail", pk=version.pk)
    return render(
        request, "standards/version_publish.html", {"version": version, "form": form, "issues": issues}
    )


@login_required
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new version as a draft copy of this one."""
    version = _version(request, pk, MANAGE)
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.create_draft_version(
                actor=request.user, version=version, new_version=form.cleaned_data["new_version"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft %(version)s created.") % {"version": draft.version})
            return redirect("standards:edit", pk=draft.pk)
    return render(request, "standards/version_new.html", {"version": version, "form": form})
