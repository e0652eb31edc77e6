"""The fill-in page: each item posts itself on change (HTMX) and the score panel comes back computed by the
scoring engine from the saved answers; evidence is uploaded per item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from greenmine.assessments import services
from greenmine.assessments.choices import AssessmentStatus, ItemSection
from greenmine.assessments.forms import AnswerError, EvidenceForm, answer_value, parse_answer
from greenmine.assessments.models import CHANGE, AssessmentItem, SelfAssessment
from greenmine.assessments.selectors import completeness, live_result, standard_of
from greenmine.assessments.views.self_assessments import get_assessment
from greenmine.core.evidence_services import acts_for, store_evidence
from greenmine.core.models import EvidenceFile
from greenmine.core.permissions import VIEW
from greenmine.standards.document import Graded, Indicator
from greenmine.standards.selectors import method_summary


@dataclass
class Row:
    """One answerable line of the page."""

    id: str
    name: str
    section: str
    points: Any
    method: Any
    kind: str  # choice | number | integer
    choices: list[tuple[str, str]]
    value: str
    remark: str
    evidence: list[EvidenceFile]
    guidance: str
    summary: str
    mandatory: bool = False
    unit: str = ""


YES_NO = {
    ItemSection.PREREQUISITE: [("yes", "满足 / holds"), ("no", "不满足 / does not hold")],
    ItemSection.VETO: [("no", "未发生 / did not occur"), ("yes", "发生 / occurred")],
}


def _row(indicator: Any, section: str, item: AssessmentItem | None) -> Row:
    method = getattr(indicator, "method", None)
    answer = item.answer if item else {}
    evidence = list(item.evidence.all()) if item else []
    remark = item.remark if item else ""
    if section != ItemSection.ITEM:
        return Row(
            indicator.id,
            indicator.name,
            section,
            None,
            None,
            "choice",
            YES_NO[section],
            answer_value(section, None, answer),
            remark,
            evidence,
            indicator.guidance,
            "",
        )
    kind, choices, unit = "choice", [("yes", "符合 / met"), ("no", "不符合 / not met")], ""
    type_name = type(method).__name__
    if isinstance(method, Graded):
        choices = [(lv.key, f"{lv.label}（{lv.points}）") for lv in method.levels]
    elif type_name == "ZeroOut":
        choices = [("no", "未发生 / did not occur"), ("yes", "发生 / occurred")]
    elif type_name == "Deduction":
        kind, unit = "integer", getattr(method, "unit", "")
    elif type_name == "Proportional":
        kind, unit = "number", getattr(method, "unit", "") or ""
    return Row(
        indicator.id,
        indicator.name,
        section,
        indicator.points,
        method,
        kind,
        choices,
        answer_value(section, method, answer),
        remark,
        evidence,
        indicator.guidance,
        method_summary(indicator),
        indicator.mandatory,
        unit,
    )


def _groups(assessment: SelfAssessment) -> list[tuple[str, list[Row]]]:
    standard = standard_of(assessment.standard_version)
    items = {i.indicator_id: i for i in assessment.items.prefetch_related("evidence")}
    groups = [
        (
            "先决条件与一票否决 / Prerequisites and vetoes",
            [_row(p, ItemSection.PREREQUISITE, items.get(p.id)) for p in standard.prerequisites]
            + [_row(v, ItemSection.VETO, items.get(v.id)) for v in standard.vetoes],
        )
    ]
    top_of: dict[str, str] = {}
    by_top: dict[str, list[Row]] = {}
    for ind in standard.indicators:
        top_of[ind.id] = top_of[ind.parent] if ind.parent else ind.id
        if ind.method is not None:
            by_top.setdefault(top_of[ind.id], []).append(_row(ind, ItemSection.ITEM, items.get(ind.id)))
    groups.extend(
        (f"{top.id} {top.name}（{top.points}）", by_top.get(top.id, [])) for top in standard.children(None)
    )
    return groups


def _panel_context(assessment: SelfAssessment) -> dict[str, Any]:
    result = live_result(assessment)
    standard = standard_of(assessment.standard_version)
    return {
        "result": result,
        "categories": [result.node(top.id) for top in standard.children(None)],
        "missing": completeness(assessment, result),
        "pass_line": standard.pass_rules.pass_line,
    }


def _editable(request: HttpRequest, pk: int) -> SelfAssessment:
    assessment = get_assessment(request, pk, CHANGE)
    if not acts_for(request.user, assessment.mine.enterprise, CHANGE):
        raise PermissionDenied
    return assessment


@login_required
def assessment_fill(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    if assessment.status != AssessmentStatus.DRAFT:
        return redirect("assessments:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_fill.html",
        {
            "assessment": assessment,
            "groups": _groups(assessment),
            "token": assessment.lock_version,
            **_panel_context(assessment),
        },
    )


def _find(assessment: SelfAssessment, indicator_id: str) -> tuple[Indicator | Any, str]:
    standard = standard_of(assessment.standard_version)
    for p in standard.prerequisites:
        if p.id == indicator_id:
            return p, ItemSection.PREREQUISITE
    for v in standard.vetoes:
        if v.id == indicator_id:
            return v, ItemSection.VETO
    ind = standard.find(indicator_id)
    if ind is None or ind.method is None:
        from django.http import Http404

        raise Http404
    return ind, ItemSection.ITEM


@login_required
@require_POST
def item_save(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    """Save one item; answer with its status line, its new token and the score panel (out of band)."""
    assessment = _editable(request, pk)
    indicator, section = _find(assessment, indicator_id)
    error = ""
    token = request.POST.get("token", "")
    try:
        answer = parse_answer(section, getattr(indicator, "method", None), request.POST.get("answer", ""))
        _item, new_token = services.save_item(
            actor=request.user,
            assessment=assessment,
            indicator_id=indicator.id,
            answer=answer,
            remark=request.POST.get("remark"),
            lock_version=int(token) if token.isdigit() else None,
        )
        token = str(new_token)
    except AnswerError as exc:
        error = str(exc)
    except services.ConcurrentEditError as exc:
        error = " ".join(exc.messages)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    assessment.refresh_from_db()
    return render(
        request,
        "assessments/includes/item_saved.html",
        {
            "assessment": assessment,
            "id": indicator.id,
            "error": error,
            "token": token,
            **_panel_context(assessment),
        },
    )


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    """Upload one file for one item; a refused file is reported with the reason, nothing else changes."""
    assessment = _editable(request, pk)
    indicator, _section = _find(assessment, indicator_id)
    form = EvidenceForm(request.POST, request.FILES)
    error = ""
    if not form.is_valid():
        error = " ".join(str(e) for e in form.errors.get("file", [])) or "?"
    else:
        try:
            record = store_evidence(
                actor=request.user,
                organisation=assessment.mine.enterprise,
                uploaded_file=form.cleaned_data["file"],
            )
            services.attach_evidence(
                actor=request.user, assessment=assessment, indicator_id=indicator.id, evidence=record
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    item = AssessmentItem.objects.filter(assessment=assessment, indicator_id=indicator.id).first()
    return render(
        request,
        "assessments/includes/evidence_list.html",
        {
            "assessment": assessment,
            "row_id": indicator.id,
            "files": list(item.evidence.all()) if item else [],
            "error": error,
            "editable": True,
        },
    )


@login_required
@require_POST
def evidence_detach(request: HttpRequest, pk: int, indicator_id: str, evidence_pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    indicator, _section = _find(assessment, indicator_id)
    record = EvidenceFile.objects.restrict(request.user, VIEW).filter(pk=evidence_pk).first()
    error = ""
    if record is not None:
        try:
            services.detach_evidence(
                actor=request.user, assessment=assessment, indicator_id=indicator.id, evidence=record
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    item = AssessmentItem.objects.filter(assessment=assessment, indicator_id=indicator.id).first()
    return render(
        request,
        "assessments/includes/evidence_list.html",
        {
            "assessment": assessment,
            "row_id": indicator.id,
            "files": list(item.evidence.all()) if item else [],
            "error": error,
            "editable": True,
        },
    )
