"""The third-party part of the demo (runs after the assessments demo): the demo assessor is registered with
six experts (pg_staff leads; pg_expert2…pg_expert6 log in with the demo password), and the second
enterprise's submitted self-assessment has a completed third-party assessment with a large difference
explained on two indicators. Idempotent; everything goes through the services."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from greenmine.assessments.choices import AssessmentStatus
from greenmine.assessments.models import SelfAssessment
from greenmine.core import services as core_services
from greenmine.core.choices import MembershipRole
from greenmine.core.models import User
from greenmine.thirdparty import services
from greenmine.thirdparty.models import AgencyProfile, Expert, ThirdPartyAssessment
from greenmine.thirdparty.services_review import standard_for

EXPERTS = [
    ("pg_staff", "王建国", "senior", True, ["mining", "geology"]),
    ("pg_expert2", "李秀英", "deputy_senior", True, ["ecology"]),
    ("pg_expert3", "张伟", "intermediate", True, ["environment"]),
    ("pg_expert4", "刘洋", "intermediate", False, ["processing"]),
    ("pg_expert5", "陈静", "intermediate", True, ["hydrogeology"]),
    ("pg_expert6", "赵磊", "deputy_senior", True, ["geology", "surveying"]),
]


def _user(actor: Any, username: str, agency: Any, display_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_services.create_user(
            actor=actor,
            username=username,
            organisation=agency,
            role=MembershipRole.STAFF,
            display_name=display_name,
        )
        user.set_password(settings.DEMO_PASSWORDS[0])
        user.has_demo_password = True
        user.save(update_fields=["password", "has_demo_password"])
    return user


def _letter() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (420, 594), "white").save(out, format="PDF")
    return SimpleUploadedFile("评估工作承诺书（签字）.pdf", out.getvalue(), content_type="application/pdf")


def _lower(leaf: Any, answer: dict[str, Any]) -> dict[str, Any]:
    """A weaker answer than the enterprise's own, for the comparison page."""
    method = type(leaf.method).__name__
    if method == "Graded":
        return {"level": min(leaf.method.levels, key=lambda lv: lv.points).key}
    if method == "Deduction":
        return {"defects": 2}
    if method == "FullOrZero":
        return {"met": False}
    return answer


def load(context: dict[str, Any]) -> dict[str, Any]:
    bureau = context.get("actor")
    agency = context.get("assessor")
    if bureau is None or agency is None:
        return {}
    if not AgencyProfile.objects.filter(organisation=agency).exists():
        services.register_agency(
            actor=bureau,
            organisation=agency,
            qualifications="独立法人事业单位；具有绿色矿山评估经验与能力，办公场所与管理制度健全",
            staff_count=18,
            experience="2021 年以来承担黑龙江省绿色矿山第三方评估 23 项",
        )
    agency_user = _user(bureau, "pg_staff", agency, "评估中心 评估专家")
    experts = []
    for username, name, title, full_time, disciplines in EXPERTS:
        user = _user(bureau, username, agency, name)
        expert = Expert.objects.filter(agency=agency, name=name).first()
        if expert is None:
            expert = services.add_expert(
                actor=_agency_admin(agency, agency_user),
                agency=agency,
                name=name,
                title=title,
                full_time=full_time,
                disciplines=disciplines,
                user=user,
            )
        experts.append(expert)
    submitted = (
        SelfAssessment.objects.filter(status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.ACCEPTED])
        .exclude(thirdparty_assessments__isnull=False)
        .order_by("pk")
        .first()
    )
    if submitted is None or ThirdPartyAssessment.objects.exists():
        return {"thirdparty_agency": agency}
    today = timezone.localdate()
    assessment = services.commission(
        actor=bureau,
        self_assessment=submitted,
        agency=agency,
        assessment_date=today - timedelta(days=7),
        contract_ref="虎自然资购〔2026〕18号",
    )
    team = experts[:5]
    services.save_team(
        actor=_agency_admin(agency, agency_user), assessment=assessment, experts=team, leader=team[0]
    )
    for member in assessment.members.select_related("expert__user"):
        services.declare(actor=member.expert.user, member=member, text=services.DEFAULT_DECLARATION)
    leader = team[0].user
    standard = standard_for(assessment)
    for prerequisite in standard.prerequisites:
        services.verify_prerequisite(
            actor=leader,
            assessment=assessment,
            indicator_id=prerequisite.id,
            holds=True,
            note="查阅证照原件，属实",
        )
    for veto in standard.vetoes:
        services.verify_veto(
            actor=leader,
            assessment=assessment,
            indicator_id=veto.id,
            occurred=False,
            note="核对采矿许可证范围、开采现状图与现场，未发现该情形",
        )
    services.record_site_visit(
        actor=leader,
        assessment=assessment,
        visit_date=today - timedelta(days=7),
        attendees="评估组 5 人；矿长、安全环保部负责人；虎林市自然资源局 1 人",
        commitment_letter=_letter(),
        notes="首次会议由组长宣读评估工作承诺书；分生产区、办公区、生活区逐项核查。",
    )
    answers = ((submitted.snapshot or {}).get("responses") or {}).get("items") or {}
    lowered = 0
    threshold = services.explain_threshold()
    for leaf in standard.leaves():
        answer = answers.get(leaf.id)
        if answer is None:
            continue
        explanation = ""
        if lowered < 2 and leaf.points and leaf.points > threshold and _lower(leaf, answer) != answer:
            answer = _lower(leaf, answer)
            explanation = "现场核查发现与自评不符：资料不全，部分措施未落实。"
            lowered += 1
        services.score_indicator(
            actor=leader,
            assessment=assessment,
            indicator_id=leaf.id,
            answer=answer,
            finding="现场核查" + ("发现问题" if explanation else "与自评一致"),
            explanation=explanation,
        )
    services.complete(
        actor=leader,
        assessment=assessment,
        conclusion="经内业和现场评估，该矿山基本达到绿色矿山建设要求，建议整改两项不足后纳入推荐。",
    )
    return {"thirdparty_agency": agency, "thirdparty_assessment": assessment}


def _agency_admin(agency: Any, fallback: User) -> User:
    membership = agency.memberships.filter(role=MembershipRole.ADMIN).select_related("user").first()
    return membership.user if membership else fallback
