"""Helpers shared by the thirdparty tests and by other apps' tests (listing): a completed third-party
assessment made through the real services, from a submitted self-assessment."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from greenmine.assessments import services as assessment_services
from greenmine.assessments.models import SelfAssessment
from greenmine.assessments.tests.helpers import fill, small_version, world_mine
from greenmine.core.choices import MembershipRole
from greenmine.core.models import Membership, Organisation
from greenmine.core.testing.factories import make_user
from greenmine.thirdparty import services
from greenmine.thirdparty.choices import ExpertTitle
from greenmine.thirdparty.models import AgencyProfile, Expert, ThirdPartyAssessment
from greenmine.thirdparty.services_review import standard_for

ASSESSMENT_DATE = dt.date(2026, 6, 15)

# name, title, full-time, disciplines — a team that meets every rule (the first is the leader).
TEAM = [
    ("王建国", ExpertTitle.SENIOR, True, ["mining", "geology"]),
    ("李秀英", ExpertTitle.DEPUTY_SENIOR, True, ["ecology"]),
    ("张伟", ExpertTitle.INTERMEDIATE, True, ["environment"]),
    ("刘洋", ExpertTitle.INTERMEDIATE, False, ["processing"]),
    ("陈静", ExpertTitle.INTERMEDIATE, True, ["hydrogeology"]),
]


def pdf_bytes(text: str = "commitment") -> bytes:
    """A small valid PDF (the signed commitment letter in tests)."""
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, format="PDF")
    return out.getvalue()


def letter_upload(name: str = "评估工作承诺书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def enterprise_user(world: Any, enterprise: Organisation) -> Any:
    if enterprise == world.orgs.get("enterprise"):
        return world.users["enterprise"]
    membership = Membership.objects.filter(organisation=enterprise, role=MembershipRole.ADMIN).first()
    return membership.user if membership else make_user(enterprise, MembershipRole.ADMIN)


def submitted_self_assessment(world: Any, mine: Any = None) -> Any:
    """A submitted self-assessment (full answers) of `mine` (default: a new mine of world's enterprise),
    against the small 100-point test standard assigned by the bureau. A mine that already has a submitted
    or accepted self-assessment without a third-party assessment keeps it (the latest is used)."""
    if mine is not None:
        existing = (
            SelfAssessment.objects.filter(
                mine=mine, status__in=services.COMMISSIONABLE, thirdparty_assessments__isnull=True
            )
            .order_by("-version_no")
            .first()
        )
        if existing is not None:
            return existing
    mine = mine or world_mine(world)
    version = small_version()
    bureau = world.users["bureau_admin"]
    assessment_services.assign_standard(actor=bureau, mine=mine, standard_version=version, reason="test")
    owner = enterprise_user(world, mine.enterprise)
    assessment = assessment_services.start_self_assessment(actor=owner, mine=mine)
    fill(owner, assessment)
    return assessment_services.submit_self_assessment(actor=owner, assessment=assessment)


def agency_with_experts(
    world: Any, agency: Organisation | None = None, leader_user: Any = None
) -> tuple[Organisation, list[Expert]]:
    """world's assessor, registered, with the five experts of TEAM (each with their own account; the
    leader's account is `leader_user` when given, e.g. world's assessor admin in the permission matrix)."""
    agency = agency or world.orgs["assessor"]
    bureau = world.users["bureau_admin"]
    if not AgencyProfile.objects.filter(organisation=agency).exists():
        services.register_agency(
            actor=bureau,
            organisation=agency,
            qualifications="绿色矿山评估",
            staff_count=20,
            experience="3 年",
        )
    admin = Membership.objects.filter(organisation=agency, role=MembershipRole.ADMIN).first()
    agency_admin = admin.user if admin else make_user(agency, MembershipRole.ADMIN)
    experts = []
    for index, (name, title, full_time, disciplines) in enumerate(TEAM):
        expert = Expert.objects.filter(agency=agency, name=name).first()
        if expert is None:
            user = (
                leader_user
                if index == 0 and leader_user is not None
                else make_user(agency, MembershipRole.STAFF)
            )
            expert = services.add_expert(
                actor=agency_admin,
                agency=agency,
                name=name,
                title=title,
                full_time=full_time,
                disciplines=disciplines,
                user=user,
            )
        experts.append(expert)
    return agency, experts


def agency_admin(agency: Organisation) -> Any:
    return Membership.objects.filter(organisation=agency, role=MembershipRole.ADMIN).first().user


def commissioned(
    world: Any, mine: Any = None, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """A commissioned assessment of a fresh submitted self-assessment, and the agency's five experts."""
    self_assessment = submitted_self_assessment(world, mine)
    agency, experts = agency_with_experts(world, leader_user=leader_user)
    assessment = services.commission(
        actor=world.users["bureau_admin"],
        self_assessment=self_assessment,
        agency=agency,
        assessment_date=ASSESSMENT_DATE,
        contract_ref="HT-2026-001",
    )
    return assessment, experts


def team_formed(
    world: Any, mine: Any = None, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """Commissioned and the valid team saved (nobody has declared yet)."""
    assessment, experts = commissioned(world, mine, leader_user)
    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    assessment.refresh_from_db()
    return assessment, experts


def in_review(
    world: Any, mine: Any = None, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """Commissioned, the valid team saved, every member declared: the review is open."""
    assessment, experts = commissioned(world, mine, leader_user)
    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    for member in assessment.members.select_related("expert__user"):
        services.declare(actor=member.expert.user, member=member, text=services.DEFAULT_DECLARATION)
    assessment.refresh_from_db()
    return assessment, experts


def self_answers(assessment: ThirdPartyAssessment) -> dict[str, Any]:
    return dict(((assessment.self_assessment.snapshot or {}).get("responses") or {}).get("items") or {})


def verify_vetoes(
    assessment: ThirdPartyAssessment, actor: Any, occurred: frozenset[str] = frozenset()
) -> None:
    """The team's verdict on every veto item of the pinned standard: not occurred, except those in
    `occurred` (found occurred, with a note)."""
    for veto in standard_for(assessment).vetoes:
        found = veto.id in occurred
        services.verify_veto(
            actor=actor,
            assessment=assessment,
            indicator_id=veto.id,
            occurred=found,
            note="现场核查发现越界开采痕迹" if found else "核对采矿许可证范围与现场，未发现",
        )


def verified(
    world: Any, mine: Any = None, passed: bool = True, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """In review with every prerequisite (the first one failing when `passed` is False) and every veto
    item (none occurred) verified by the team."""
    assessment, experts = in_review(world, mine, leader_user)
    leader = experts[0].user
    for index, prerequisite in enumerate(standard_for(assessment).prerequisites):
        holds = passed or index > 0
        services.verify_prerequisite(
            actor=leader,
            assessment=assessment,
            indicator_id=prerequisite.id,
            holds=holds,
            note="" if holds else "现场核查不符合",
        )
    verify_vetoes(assessment, leader)
    return assessment, experts


def visited(
    world: Any, mine: Any = None, passed: bool = True, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """Prerequisites verified and the site visit recorded with the signed commitment letter."""
    assessment, experts = verified(world, mine, passed, leader_user)
    services.record_site_visit(
        actor=experts[0].user,
        assessment=assessment,
        visit_date=ASSESSMENT_DATE,
        attendees="评估组 5 人；矿山负责人",
        commitment_letter=letter_upload(),
    )
    return assessment, experts


def scored(
    world: Any, mine: Any = None, passed: bool = True, leader_user: Any = None
) -> tuple[ThirdPartyAssessment, list[Expert]]:
    """Visited, and every indicator scored with the self-assessment's own answers: ready to complete."""
    assessment, experts = visited(world, mine, passed, leader_user)
    answers = self_answers(assessment)
    for leaf in standard_for(assessment).leaves():
        services.score_indicator(
            actor=experts[0].user,
            assessment=assessment,
            indicator_id=leaf.id,
            answer=answers[leaf.id],
            finding="现场核查与自评一致",
        )
    return assessment, experts


def completed_assessment(
    world: Any, mine: Any = None, passed: bool = True, leader_user: Any = None
) -> ThirdPartyAssessment:
    """A third-party assessment carried by the real services from a submitted self-assessment to
    completed: agency with 5 experts, commission, team, declarations, prerequisites and veto items
    (none occurred), site visit with a
    commitment letter, a score for every indicator (the self-assessment's own answers), complete.
    `passed=False`: the team finds the first prerequisite does not hold, so the assessment fails."""
    assessment, experts = scored(world, mine, passed, leader_user)
    return services.complete(
        actor=experts[0].user,
        assessment=assessment,
        conclusion="符合绿色矿山要求" if passed else "先决条件不满足",
    )


def matrix_fixture(world: Any, state: str) -> dict[str, Any]:
    """Objects for the permission matrix. world's assessor admin is the agency's admin AND the team
    leader's account, so the 'assessor' role exercises the agency's and the declared leader's rights.
    States: agency, submitted, commissioned, team, review, verified, visited, scored, completed."""
    leader_user = world.users["assessor"]
    if state == "agency":
        agency, experts = agency_with_experts(world, leader_user=leader_user)
        return {"profile": agency.agency_profile, "expert": experts[1]}
    if state == "submitted":
        agency_with_experts(world, leader_user=leader_user)
        return {"self_assessment": submitted_self_assessment(world)}
    if state == "completed":
        assessment = completed_assessment(world, leader_user=leader_user)
        return {"assessment": assessment}
    builders = {
        "commissioned": commissioned,
        "team": team_formed,
        "review": in_review,
        "verified": verified,
        "visited": visited,
        "scored": scored,
    }
    assessment, experts = builders[state](world, leader_user=leader_user)
    return {"assessment": assessment, "experts": experts}
